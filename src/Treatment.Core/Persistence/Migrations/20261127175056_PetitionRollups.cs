using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Treatment.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PetitionRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "petition_rollups",
                columns: table => new
                {
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
                    table.PrimaryKey("pk_petition_rollups", x => new { x.agency_id, x.month, x.kind, x.affair_id, x.channel, x.measure, x.label, x.bucket });
                });

            migrationBuilder.CreateIndex(
                name: "ix_petition_rollups_month_measure",
                table: "petition_rollups",
                columns: new[] { "month", "measure" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "petition_rollups");
        }
    }
}
