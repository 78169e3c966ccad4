using System.Security.Cryptography;
using System.Text;
using Baton.Core.Home;

namespace Baton.Web.Security;

/// <summary>The per-user secret of the web page, kept as <c>web_token</c> in Baton's 0600 <c>config.json</c>
/// (<see cref="BatonSettings.WebToken"/>): 32 random bytes as 64 hex digits, made on the server's first start.</summary>
internal static class WebToken
{
    /// <summary>Reads the home's token, making and saving one when there is none.</summary>
    /// <param name="home">Baton's home.</param>
    /// <returns>The token.</returns>
    public static string Ensure(BatonHome home)
    {
        var settings = BatonSettings.Load(home);
        if (settings.WebToken is { Length: >= 32 } token)
        {
            return token;
        }

        settings.WebToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        settings.Save(home);
        return settings.WebToken;
    }

    /// <summary>Compares a given secret with the token in constant time.</summary>
    /// <param name="token">The token.</param>
    /// <param name="given">What the request showed, or null.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool Matches(string token, string? given) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(given));
}
