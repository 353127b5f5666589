package io.uptake.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsCredentialsTest {

    @TempDir
    Path dir;

    @Test
    void loadsThePemCertificateAndKeyIntoAKeyStore() throws Exception {
        KeyStore store = new TlsCredentials(resource("tls/cert.pem"), resource("tls/key.pem")).keyStore("pw".toCharArray());

        assertThat(store.isKeyEntry(TlsCredentials.ALIAS)).isTrue();
        assertThat(((X509Certificate) store.getCertificate(TlsCredentials.ALIAS)).getSubjectX500Principal().getName())
                .isEqualTo("CN=localhost");
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefusedAtStart() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Path other = Files.writeString(dir.resolve("other.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        Path cert = resource("tls/cert.pem");

        assertThatThrownBy(() -> new TlsCredentials(cert, other).keyStore("pw".toCharArray()))
                .hasMessage("--tls-key " + other + " is not the key of the certificate in --tls-cert " + cert + " (CN=localhost)");
    }

    @Test
    void aPkcs1KeyIsRefusedWithTheCommandThatConvertsIt() throws Exception {
        Path pkcs1 = Files.writeString(dir.resolve("rsa.pem"), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");

        assertThatThrownBy(() -> new TlsCredentials(resource("tls/cert.pem"), pkcs1).keyStore("pw".toCharArray()))
                .hasMessage("--tls-key " + pkcs1 + " holds a 'RSA PRIVATE KEY', not an unencrypted PKCS#8 'PRIVATE KEY': "
                        + "convert it with openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pkcs8.pem");
    }

    private static Path resource(String name) throws Exception {
        return Path.of(TlsCredentialsTest.class.getResource("/" + name).toURI());
    }
}
