using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Treatment.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class IssuedDocumentsAndSigningKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateSequence(
                name: "issued_document_numbers");

            migrationBuilder.AddColumn<string>(
                name: "document_template",
                table: "civil_affairs",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "agency_signing_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    agency_id = table.Column<int>(type: "integer", nullable: false),
                    key_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    public_key = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    private_key_cipher = table.Column<byte[]>(type: "bytea", nullable: false),
                    private_key_protector_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agency_signing_keys", x => x.id);
                    table.ForeignKey(
                        name: "fk_agency_signing_keys_agencies_agency_id",
                        column: x => x.agency_id,
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "issued_documents",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    issue_number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    petition_id = table.Column<long>(type: "bigint", nullable: false),
                    agency_id = table.Column<int>(type: "integer", nullable: false),
                    template = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    title_ko = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    title_en = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    holder_masked = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    html = table.Column<string>(type: "text", nullable: false),
                    signed_content = table.Column<string>(type: "text", nullable: false),
                    digest = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    signature = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    signing_key_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    verification_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_issued_documents", x => x.id);
                    table.ForeignKey(
                        name: "fk_issued_documents_agencies_agency_id",
                        column: x => x.agency_id,
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_issued_documents_petitions_petition_id",
                        column: x => x.petition_id,
                        principalTable: "petitions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_agency_signing_keys_agency_id",
                table: "agency_signing_keys",
                column: "agency_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_agency_signing_keys_key_id",
                table: "agency_signing_keys",
                column: "key_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_issued_documents_agency_id",
                table: "issued_documents",
                column: "agency_id");

            migrationBuilder.CreateIndex(
                name: "ix_issued_documents_issue_number",
                table: "issued_documents",
                column: "issue_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_issued_documents_petition_id",
                table: "issued_documents",
                column: "petition_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "agency_signing_keys");

            migrationBuilder.DropTable(
                name: "issued_documents");

            migrationBuilder.DropColumn(
                name: "document_template",
                table: "civil_affairs");

            migrationBuilder.DropSequence(
                name: "issued_document_numbers");
        }
    }
}
