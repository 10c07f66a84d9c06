using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Treatment.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class MonthlyCheckSignOffPriorExaminationCalendarFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "prior_examination_id",
                table: "petitions",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "signed_at",
                table: "monthly_checks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "signed_by_id",
                table: "monthly_checks",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "signed_by_name",
                table: "monthly_checks",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "signed_late",
                table: "monthly_checks",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "calendar_file_versions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    digest = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    files = table.Column<string>(type: "jsonb", nullable: false),
                    applied_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    applied_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    baseline = table.Column<bool>(type: "boolean", nullable: false),
                    petitions_recomputed = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_calendar_file_versions", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_petitions_prior_examination_id",
                table: "petitions",
                column: "prior_examination_id",
                filter: "prior_examination_id is not null");

            migrationBuilder.CreateIndex(
                name: "ix_calendar_file_versions_applied_at",
                table: "calendar_file_versions",
                column: "applied_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "calendar_file_versions");

            migrationBuilder.DropIndex(
                name: "ix_petitions_prior_examination_id",
                table: "petitions");

            migrationBuilder.DropColumn(
                name: "prior_examination_id",
                table: "petitions");

            migrationBuilder.DropColumn(
                name: "signed_at",
                table: "monthly_checks");

            migrationBuilder.DropColumn(
                name: "signed_by_id",
                table: "monthly_checks");

            migrationBuilder.DropColumn(
                name: "signed_by_name",
                table: "monthly_checks");

            migrationBuilder.DropColumn(
                name: "signed_late",
                table: "monthly_checks");
        }
    }
}
