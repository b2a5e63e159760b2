using System.Security.Cryptography;

namespace Layers.Common;

/// <summary>
/// Lexicographically sortable identifiers (ULID, Crockford base32): 48 bits of milliseconds then 80 random bits.
/// </summary>
public static class Ulid
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    [ThreadStatic]
    private static byte[]? t_random;

    [ThreadStatic]
    private static int t_randomUsed;

    public static string NewUlid(DateTimeOffset now)
    {
        Span<char> chars = stackalloc char[26];
        var ms = (ulong)Math.Max(0, now.ToUnixTimeMilliseconds());
        for (var i = 9; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(ms & 31)];
            ms >>= 5;
        }

        WriteBase32(NextRandom(10), chars[10..]);
        return new string(chars);
    }

    /// <summary>
    /// Random bytes from the cryptographic generator, drawn 1 KB at a time per thread: an id costs no system call of
    /// its own (every request gets one).
    /// </summary>
    private static ReadOnlySpan<byte> NextRandom(int count)
    {
        if (t_random is null)
        {
            t_random = new byte[1024];
            t_randomUsed = t_random.Length;
        }

        var buffer = t_random;
        if (t_randomUsed + count > buffer.Length)
        {
            RandomNumberGenerator.Fill(buffer);
            t_randomUsed = 0;
        }

        var bytes = buffer.AsSpan(t_randomUsed, count);
        t_randomUsed += count;
        return bytes;
    }

    /// <summary>Random Crockford base32 text of the given length (5 bits of entropy per character).</summary>
    public static string RandomBase32(int length)
    {
        Span<char> chars = stackalloc char[length];
        Span<byte> random = stackalloc byte[length];
        RandomNumberGenerator.Fill(random);
        for (var i = 0; i < length; i++)
        {
            chars[i] = Alphabet[random[i] & 31];
        }

        return new string(chars);
    }

    public static bool IsBase32(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static void WriteBase32(ReadOnlySpan<byte> bytes, Span<char> destination)
    {
        // 10 bytes = 80 bits = 16 characters.
        var buffer = 0;
        var bits = 0;
        var index = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                destination[index++] = Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }
    }
}
