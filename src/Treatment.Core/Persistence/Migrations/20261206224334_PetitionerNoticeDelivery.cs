using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Treatment.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PetitionerNoticeDelivery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "notice_channel",
                table: "petitions",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "delivery_channel",
                table: "notices",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "delivery_id",
                table: "notices",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "returned_at",
                table: "notices",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "returned_by",
                table: "notices",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "returned_reason",
                table: "notices",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "trigger",
                table: "notices",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_notices_delivery_id",
                table: "notices",
                column: "delivery_id");

            migrationBuilder.AddForeignKey(
                name: "fk_notices_outbox_messages_delivery_id",
                table: "notices",
                column: "delivery_id",
                principalTable: "outbox_messages",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_notices_outbox_messages_delivery_id",
                table: "notices");

            migrationBuilder.DropIndex(
                name: "ix_notices_delivery_id",
                table: "notices");

            migrationBuilder.DropColumn(
                name: "notice_channel",
                table: "petitions");

            migrationBuilder.DropColumn(
                name: "delivery_channel",
                table: "notices");

            migrationBuilder.DropColumn(
                name: "delivery_id",
                table: "notices");

            migrationBuilder.DropColumn(
                name: "returned_at",
                table: "notices");

            migrationBuilder.DropColumn(
                name: "returned_by",
                table: "notices");

            migrationBuilder.DropColumn(
                name: "returned_reason",
                table: "notices");

            migrationBuilder.DropColumn(
                name: "trigger",
                table: "notices");
        }
    }
}
