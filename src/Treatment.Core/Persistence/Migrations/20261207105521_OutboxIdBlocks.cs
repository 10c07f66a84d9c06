using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Treatment.Core.Persistence.Migrations
{
    /// <summary>
    /// The outbox identity's own sequence steps by 20 so the service can take a block of ids per round trip (HiLo);
    /// an SQL insert that keeps the column default uses up a whole step of the sequence, so it never meets the service's ids.
    /// </summary>
    public partial class OutboxIdBlocks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("alter table outbox_messages alter column id set increment by 20;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("alter table outbox_messages alter column id set increment by 1;");
        }
    }
}
