package io.uptake.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The test certificate (CN=localhost, also 127.0.0.1) and its key, for the tests of every module that
 * serves HTTPS, and a client that trusts exactly that certificate.
 */
public final class TestTls {

    private TestTls() {}

    /** Writes the certificate and key as PEM files into {@code dir}. */
    public static TlsCredentials credentials(Path dir) {
        try {
            Path cert = dir.resolve("cert.pem");
            Path key = dir.resolve("key.pem");
            copy("/tls/cert.pem", cert);
            copy("/tls/key.pem", key);
            return new TlsCredentials(cert, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client context that trusts the test certificate and nothing else. */
    public static SSLContext trusting() {
        try (InputStream in = resource("/tls/cert.pem")) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copy(String name, Path target) throws IOException {
        try (InputStream in = resource(name)) {
            Files.copy(in, target);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = TestTls.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is missing from the test classpath");
        }
        return in;
    }
}
