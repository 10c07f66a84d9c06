using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Treatment.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RollupYearlySums : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "petition_rollup_years",
                columns: table => new
                {
                    agency_id = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
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
                    table.PrimaryKey("pk_petition_rollup_years", x => new { x.agency_id, x.year, x.kind, x.affair_id, x.channel, x.measure, x.label, x.bucket });
                });

            // One agency's years are read from the key alone (index-only scan), wherever the fold appended its rows; EF cannot
            // declare INCLUDE on a primary key (npgsql/efcore.pg#3311), so the key is rebuilt here while the table is empty.
            migrationBuilder.Sql("""
                alter table petition_rollup_years
                    drop constraint pk_petition_rollup_years,
                    add constraint pk_petition_rollup_years primary key (agency_id, year, kind, affair_id, channel, measure, label, bucket) include (count, total);
                """);

            // The yearly sums start equal to the monthly rows already kept; deltas not yet folded reach both at the next fold.
            migrationBuilder.Sql("""
                insert into petition_rollup_years (agency_id, year, kind, affair_id, channel, measure, label, bucket, count, total)
                select agency_id, extract(year from month)::int, kind, affair_id, channel, measure, label, bucket, sum(count), sum(total)
                from petition_rollups
                group by 1, 2, 3, 4, 5, 6, 7, 8;
                analyze petition_rollup_years;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "petition_rollup_years");
        }
    }
}
