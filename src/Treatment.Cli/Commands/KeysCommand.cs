using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Treatment.Core.Security;

namespace Treatment.Cli.Commands;

/// <summary>
/// `treatment keys rotate` (TREATMENT_DB): re-encrypts resident numbers with Treatment:PersonalDataKey, reading older
/// rows with Treatment:PreviousPersonalDataKeys; resumable, in batches of one transaction each.
/// </summary>
public sealed class KeysCommand : ICliCommand
{
    public Command Create(CliConsole console)
    {
        var batchSize = CliOptions.Value("batch-size", "rows per transaction (default 500)");
        var batches = CliOptions.Value("batches", "stop after this many batches (default: until none is left); run again to continue");
        var rotate = new Command("rotate", "re-encrypt personal data with the current key (Treatment:PersonalDataKey), reading the old with Treatment:PreviousPersonalDataKeys")
        {
            batchSize, batches,
        }.WithAction(async (parsed, ct) =>
        {
            var size = parsed.GetValue(batchSize) is { } b ? SeedCommand.Number(b, "--batch-size", 1, 100_000) : 500;
            int? limit = parsed.GetValue(batches) is { } n ? SeedCommand.Number(n, "--batches", 1, int.MaxValue) : null;
            await using var session = await DatabaseSession.OpenAsync(null, ct);
            await using var scope = session.CreateScope();
            RekeyingResult result;
            try
            {
                result = await scope.ServiceProvider.GetRequiredService<PersonalDataRekeying>().RunAsync(size, limit, null, ct);
            }
            catch (System.Security.Cryptography.CryptographicException ex)
            {
                throw new CliFailureException($"{ex.Message}: add the old key to Treatment:PreviousPersonalDataKeys");
            }

            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"re-encrypted {result.ReEncrypted} resident number(s) with key {result.CurrentKeyId}; {result.Remaining} left under older keys"));
            if (result.SigningKeys > 0)
            {
                console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"re-encrypted {result.SigningKeys} agency document-signing key(s)"));
            }

            return 0;
        });
        return new Command("keys", "personal-data key: keys rotate") { rotate };
    }
}
