package io.uptake.http;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's certificate chain and private key, as PEM files ({@code --tls-cert}, {@code --tls-key}).
 * The key must be unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}), RSA or EC: what {@code openssl req
 * -newkey} and most ACME clients write.
 */
public record TlsCredentials(Path certificate, Path privateKey) {

    /** The alias of the server's key in {@link #keyStore}. */
    public static final String ALIAS = "server";
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    public TlsCredentials {
        requireNonNull(certificate, "certificate is null");
        requireNonNull(privateKey, "privateKey is null");
    }

    /**
     * An in-memory key store holding the key under {@link #ALIAS} with its chain, protected by
     * {@code password}; the message of a bad file names the file and what to do.
     */
    public KeyStore keyStore(char[] password) throws IOException {
        List<Certificate> chain = chain();
        PrivateKey key = key();
        matchOrFail(key, (X509Certificate) chain.get(0));
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, password, chain.toArray(Certificate[]::new));
            return store;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot use the key " + privateKey + " with the certificate " + certificate
                    + ": " + e.getMessage());
        }
    }

    private List<Certificate> chain() throws IOException {
        try (InputStream in = Files.newInputStream(certificate)) {
            List<Certificate> chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("--tls-cert " + certificate + " holds no certificate: expected PEM "
                        + "(-----BEGIN CERTIFICATE-----), the server's certificate first");
            }
            return chain;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("--tls-cert " + certificate + " is not a PEM certificate: " + e.getMessage());
        }
    }

    private PrivateKey key() throws IOException {
        String text = Files.readString(privateKey, StandardCharsets.US_ASCII);
        Matcher pem = PEM.matcher(text);
        if (!pem.find()) {
            throw new IllegalArgumentException("--tls-key " + privateKey + " is not a PEM file: expected -----BEGIN PRIVATE KEY-----");
        }
        if (!pem.group(1).equals("PRIVATE KEY")) {
            throw new IllegalArgumentException("--tls-key " + privateKey + " holds a '" + pem.group(1) + "', not an unencrypted "
                    + "PKCS#8 'PRIVATE KEY': convert it with openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pkcs8.pem");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.group(2));
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException e) {
                // Not this algorithm; try the next.
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("this JVM lacks " + algorithm + " keys", e);
            }
        }
        throw new IllegalArgumentException("--tls-key " + privateKey + " is neither an RSA nor an EC private key");
    }

    /** Fails at start-up, not at the first handshake, when the key is not the certificate's. */
    private void matchOrFail(PrivateKey key, X509Certificate certificate) {
        String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        byte[] probe = "uptake".getBytes(StandardCharsets.US_ASCII);
        boolean matches;
        try {
            Signature sign = Signature.getInstance(algorithm);
            sign.initSign(key);
            sign.update(probe);
            byte[] signature = sign.sign();
            Signature verify = Signature.getInstance(algorithm);
            verify.initVerify(certificate.getPublicKey());
            verify.update(probe);
            matches = verify.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new IllegalArgumentException("--tls-key " + privateKey + " is not the key of the certificate in --tls-cert "
                    + this.certificate + " (" + certificate.getSubjectX500Principal().getName() + ")");
        }
    }
}
