using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Treatment.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RollupDeltasAndCoveringInbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_petitions_inbox",
                table: "petitions");

            migrationBuilder.CreateTable(
                name: "petition_rollup_deltas",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    agency_id = table.Column<int>(type: "integer", nullable: false),
                    month = table.Column<DateOnly>(type: "date", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    affair_id = table.Column<int>(type: "integer", nullable: false),
                    channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    measure = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    bucket = table.Column<int>(type: "integer", nullable: false),
                    count = table.Column<long>(type: "bigint", nullable: false),
                    total = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_petition_rollup_deltas", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_petitions_inbox",
                table: "petitions",
                columns: new[] { "assignee_id", "due_at", "id" },
                filter: "is_open")
                .Annotation("Npgsql:IndexInclude", new[] { "receipt_number", "kind", "channel", "title", "petitioner_name", "workflow_id", "workflow_version", "state", "clock_state", "due_unit" });

            migrationBuilder.CreateIndex(
                name: "ix_petition_rollup_deltas_agency_id_month",
                table: "petition_rollup_deltas",
                columns: new[] { "agency_id", "month" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "petition_rollup_deltas");

            migrationBuilder.DropIndex(
                name: "ix_petitions_inbox",
                table: "petitions");

            migrationBuilder.CreateIndex(
                name: "ix_petitions_inbox",
                table: "petitions",
                columns: new[] { "assignee_id", "due_at", "id" },
                filter: "is_open");
        }
    }
}
