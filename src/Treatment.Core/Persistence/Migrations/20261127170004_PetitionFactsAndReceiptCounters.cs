using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Treatment.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PetitionFactsAndReceiptCounters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "clock_limit",
                table: "petitions",
                type: "character varying(60)",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "clock_started_at",
                table: "petitions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "committee_reviewed",
                table: "petitions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "field_investigation_extension_count",
                table: "petitions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "filings_on_same_matter",
                table: "petitions",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "objection_extension_count",
                table: "petitions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "refusal_received_on",
                table: "petitions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "supplement_due_on",
                table: "petitions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "supplement_extension_count",
                table: "petitions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "undelivered_supplement_requests",
                table: "petitions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "receipt_counters",
                columns: table => new
                {
                    agency_id = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    last_sequence = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_receipt_counters", x => new { x.agency_id, x.year });
                    table.ForeignKey(
                        name: "fk_receipt_counters_agencies_agency_id",
                        column: x => x.agency_id,
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "receipt_counters");

            migrationBuilder.DropColumn(
                name: "clock_limit",
                table: "petitions");

            migrationBuilder.DropColumn(
                name: "clock_started_at",
                table: "petitions");

            migrationBuilder.DropColumn(
                name: "committee_reviewed",
                table: "petitions");

            migrationBuilder.DropColumn(
                name: "field_investigation_extension_count",
                table: "petitions");

            migrationBuilder.DropColumn(
                name: "filings_on_same_matter",
                table: "petitions");

            migrationBuilder.DropColumn(
                name: "objection_extension_count",
                table: "petitions");

            migrationBuilder.DropColumn(
                name: "refusal_received_on",
                table: "petitions");

            migrationBuilder.DropColumn(
                name: "supplement_due_on",
                table: "petitions");

            migrationBuilder.DropColumn(
                name: "supplement_extension_count",
                table: "petitions");

            migrationBuilder.DropColumn(
                name: "undelivered_supplement_requests",
                table: "petitions");
        }
    }
}
