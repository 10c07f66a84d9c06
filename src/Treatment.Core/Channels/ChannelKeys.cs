using System.Security.Cryptography;
using System.Text;

namespace Treatment.Core.Channels;

/// <summary>Channel API keys: only a SHA-256 hash is stored; the key itself is shown once when issued.</summary>
public static class ChannelKeys
{
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string Prefix(string key) => key.Length <= 8 ? key : key[..8];

    public static string NewKey() => "trt_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
}
