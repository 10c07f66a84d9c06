using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Treatment.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class WorkDistribution : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_petitions_department_id",
                table: "petitions");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "assigned_at",
                table: "petitions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "distribute_by_match",
                table: "departments",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "distribution_cursor",
                table: "departments",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "distribution_policy",
                table: "departments",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "Manual");

            migrationBuilder.CreateTable(
                name: "absences",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ends_on = table.Column<DateOnly>(type: "date", nullable: false),
                    substitute_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    created_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    applied_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_absences", x => x.id);
                    table.ForeignKey(
                        name: "fk_absences_asp_net_users_substitute_id",
                        column: x => x.substitute_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_absences_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "distribution_matches",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    department_id = table.Column<int>(type: "integer", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    affair_id = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_distribution_matches", x => x.id);
                    table.ForeignKey(
                        name: "fk_distribution_matches_departments_department_id",
                        column: x => x.department_id,
                        principalTable: "departments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_distribution_matches_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_petitions_queue",
                table: "petitions",
                columns: new[] { "department_id", "due_at", "id" },
                filter: "is_open and assignee_id is null")
                .Annotation("Npgsql:IndexInclude", new[] { "receipt_number", "kind", "channel", "title", "petitioner_name", "workflow_id", "workflow_version", "state", "clock_state", "due_unit" });

            migrationBuilder.CreateIndex(
                name: "ix_absences_pending",
                table: "absences",
                column: "starts_on",
                filter: "applied_at is null");

            migrationBuilder.CreateIndex(
                name: "ix_absences_substitute_id",
                table: "absences",
                column: "substitute_id");

            migrationBuilder.CreateIndex(
                name: "ix_absences_user_id_ends_on",
                table: "absences",
                columns: new[] { "user_id", "ends_on" });

            migrationBuilder.CreateIndex(
                name: "ix_distribution_matches_department_id_user_id",
                table: "distribution_matches",
                columns: new[] { "department_id", "user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_distribution_matches_user_id",
                table: "distribution_matches",
                column: "user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "absences");

            migrationBuilder.DropTable(
                name: "distribution_matches");

            migrationBuilder.DropIndex(
                name: "ix_petitions_queue",
                table: "petitions");

            migrationBuilder.DropColumn(
                name: "assigned_at",
                table: "petitions");

            migrationBuilder.DropColumn(
                name: "distribute_by_match",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "distribution_cursor",
                table: "departments");

            migrationBuilder.DropColumn(
                name: "distribution_policy",
                table: "departments");

            migrationBuilder.CreateIndex(
                name: "ix_petitions_department_id",
                table: "petitions",
                column: "department_id");
        }
    }
}
