using System.Collections;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Treatment.Core.Hosting;

/// <summary>Binds a settings class to its section and checks its data annotations, nested settings included, at start-up.</summary>
public static class SettingsValidation
{
    /// <summary>
    /// Binds <typeparamref name="T"/> to <paramref name="section"/> and validates it when the host starts (or, where the
    /// host is not started, on first use); every failure names the setting by its full path, e.g. Treatment:Jobs:Sweep:BatchSize.
    /// </summary>
    public static OptionsBuilder<T> AddValidatedSettings<T>(this IServiceCollection services, IConfiguration configuration, string section, bool validateOnStart = true)
        where T : class
    {
        var builder = services.AddOptions<T>().Bind(configuration.GetSection(section));
        services.AddSingleton<IValidateOptions<T>>(new SectionValidator<T>(section));
        return validateOnStart ? builder.ValidateOnStart() : builder;
    }

    /// <summary>The problems of a settings object and of the settings objects it holds, as "Section:Path: message".</summary>
    public static List<string> Problems(object settings, string path)
    {
        var problems = new List<string>();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true))
        {
            foreach (var r in results)
            {
                var member = r.MemberNames.FirstOrDefault();
                problems.Add(member is null ? $"{path}: {r.ErrorMessage}" : $"{path}:{member}: {r.ErrorMessage}");
            }
        }

        foreach (var property in settings.GetType().GetProperties())
        {
            var type = property.PropertyType;
            if (type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type) && property.GetIndexParameters().Length == 0
                && property.GetValue(settings) is { } nested)
            {
                problems.AddRange(Problems(nested, $"{path}:{property.Name}"));
            }
        }

        return problems;
    }

    private sealed class SectionValidator<T>(string section) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var problems = Problems(options, section);
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
