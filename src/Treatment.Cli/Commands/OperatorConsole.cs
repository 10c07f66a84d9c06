using Microsoft.EntityFrameworkCore;
using Treatment.Core.Agencies;
using Treatment.Core.BackOffice;
using Treatment.Core.Persistence;
using Treatment.Core.Petitions;

namespace Treatment.Cli.Commands;

/// <summary>
/// What the operator commands share: whoever runs them with the database's credentials acts as the admin of the agency
/// concerned, through the same services (and checks) as an admin at /Admin; and passwords never come as arguments.
/// </summary>
internal static class OperatorConsole
{
    public const string ActorName = "운영자 명령줄 (treatment operator)";

    public static Actor AdminOf(int agencyId) => new(null, ActorName, new HashSet<string> { Roles.Admin }, agencyId, null);

    public static async Task<Agency> AgencyAsync(TreatmentDbContext db, string code, CancellationToken ct) =>
        await db.Agencies.AsNoTracking().Include(a => a.Departments).SingleOrDefaultAsync(a => a.Code == code, ct)
            ?? throw new CliFailureException($"no agency '{code}' (treatment agencies list)");

    public static async Task<AppUser> UserAsync(TreatmentDbContext db, string userName, CancellationToken ct)
    {
        var normalized = userName.Trim().ToUpperInvariant();
        return await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedUserName == normalized, ct)
            ?? throw new CliFailureException($"no user '{userName}'");
    }

    /// <summary>
    /// A new password: typed twice at a prompt without echo when standard input is a terminal, else the first line of
    /// standard input (`printf '%s\n' "$PASSWORD" | treatment users create …`). Never an argument, so never in a shell history.
    /// </summary>
    public static string ReadPassword(CliConsole console)
    {
        if (ReferenceEquals(console.In, Console.In) && !Console.IsInputRedirected)
        {
            var first = Prompt(console, "비밀번호 (password): ");
            var second = Prompt(console, "비밀번호 확인 (again): ");
            return first == second ? first : throw new CliUsageException("the two passwords differ");
        }

        return console.In.ReadLine() is { Length: > 0 } line ? line.TrimEnd('\r') : throw new CliUsageException("no password on standard input");
    }

    /// <summary>Runs a back-office call and turns its refusals into one-line failures.</summary>
    public static async Task<T> Checked<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (BackOfficeInputException ex)
        {
            throw new CliFailureException(string.Join("; ", ex.Errors.Select(e => $"{e.Field}: {e.Message.En} ({e.Message.Ko})")));
        }
        catch (BackOfficeForbiddenException ex)
        {
            throw new CliFailureException(ex.Message);
        }
        catch (ArgumentException ex)
        {
            throw new CliFailureException(ex.Message);
        }
        catch (KeyNotFoundException ex)
        {
            throw new CliFailureException(ex.Message);
        }
    }

    private static string Prompt(CliConsole console, string label)
    {
        console.Error.Write(label);
        var text = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                console.Error.WriteLine();
                return text.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                text.Length = Math.Max(0, text.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }
    }
}
