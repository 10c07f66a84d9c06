using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Treatment.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PetitionsVacuumCleansIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "petitions")
                .Annotation("Npgsql:StorageParameter:autovacuum_vacuum_insert_scale_factor", 0.01)
                .Annotation("Npgsql:StorageParameter:autovacuum_vacuum_scale_factor", 0.01)
                .Annotation("Npgsql:StorageParameter:vacuum_index_cleanup", "on")
                .OldAnnotation("Npgsql:StorageParameter:autovacuum_vacuum_insert_scale_factor", 0.01)
                .OldAnnotation("Npgsql:StorageParameter:autovacuum_vacuum_scale_factor", 0.01);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "petitions")
                .Annotation("Npgsql:StorageParameter:autovacuum_vacuum_insert_scale_factor", 0.01)
                .Annotation("Npgsql:StorageParameter:autovacuum_vacuum_scale_factor", 0.01)
                .OldAnnotation("Npgsql:StorageParameter:autovacuum_vacuum_insert_scale_factor", 0.01)
                .OldAnnotation("Npgsql:StorageParameter:autovacuum_vacuum_scale_factor", 0.01)
                .OldAnnotation("Npgsql:StorageParameter:vacuum_index_cleanup", "on");
        }
    }
}
