using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ClaimsLedger.EventStoreDb.Connection;

/// <summary>
/// TLS for a secure node: the server certificate is checked by the system trust store, or else against the CA named by
/// <c>tlsCaFile</c> (in addition to the system store; intermediate CAs the node presents are used to reach it), or
/// not at all with <c>tlsVerifyCert=false</c>; the host name must match in both checked cases. <c>userCertFile</c> +
/// <c>userKeyFile</c> give a client certificate.
/// </summary>
internal static class TlsOptions
{
    /// <exception cref="ArgumentException">A named file is missing or is not a certificate or key.</exception>
    public static SslClientAuthenticationOptions Create(ConnectionSettings settings)
    {
        var options = new SslClientAuthenticationOptions();
        if (!settings.VerifyCertificate)
        {
            options.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (settings.CaFile is { } caFile)
        {
            var authority = Load(caFile, "tlsCaFile", () => X509CertificateLoader.LoadCertificateFromFile(caFile));
            options.RemoteCertificateValidationCallback = (_, certificate, presented, errors) =>
                IsIssuedBy(certificate, presented, errors, authority);
        }

        if (settings.UserCertFile is { } certFile && settings.UserKeyFile is { } keyFile)
        {
            options.ClientCertificates = [Load(certFile, "userCertFile / userKeyFile", () =>
            {
                using var pem = X509Certificate2.CreateFromPemFile(certFile, keyFile);
                return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
            })];
        }

        return options;
    }

    // Trusted by the system store (no errors), or chained to the tlsCaFile authority through the certificates the node
    // presented (a node certificate is often issued by an intermediate CA that only the node sends). A name mismatch
    // or a missing certificate is refused whatever the chain.
    private static bool IsIssuedBy(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors,
        X509Certificate2 authority)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)
                                || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            chain.ChainPolicy.ExtraStore.AddRange(presented.ChainPolicy.ExtraStore);
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }

    private static X509Certificate2 Load(string file, string key, Func<X509Certificate2> load)
    {
        try
        {
            return load();
        }
        catch (Exception e) when (e is IOException or CryptographicException or UnauthorizedAccessException)
        {
            throw ConnectionString.Error($"{key} '{file}' cannot be used: {e.Message}");
        }
    }
}
