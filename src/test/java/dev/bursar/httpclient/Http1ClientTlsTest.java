package dev.bursar.httpclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bursar.testing.RawHttpServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** https against a local TLS server whose self-signed certificate (for "localhost" only) is made by keytool. */
class Http1ClientTlsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    static KeyStore keys;
    static RawHttpServer server;
    static final List<List<SNIServerName>> sniSeen = new CopyOnWriteArrayList<>();

    private Http1Client client;

    @BeforeAll
    static void startTlsServer() throws Exception {
        keys = selfSignedForLocalhost(dir.resolve("upstream.p12"));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        server = RawHttpServer.start(serverTls.getServerSocketFactory().createServerSocket(0, 64), conn -> {
            SSLSocket ssl = (SSLSocket) conn.socket();
            ssl.startHandshake();
            sniSeen.add(((ExtendedSSLSession) ssl.getSession()).getRequestedServerNames());
            while (conn.readRequest().isPresent()) {
                conn.respond(200, "{\"secure\":true}");
            }
        });
    }

    @AfterAll
    static void stopTlsServer() {
        server.close();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void postsOverTlsWithSniAndKeepsTheConnectionAlive() throws Exception {
        // given a client trusting the test certificate
        client = new Http1Client(trusting(keys));
        int before = server.connections();

        // when
        for (int i = 0; i < 3; i++) {
            Http1Response r = client.send(post("https://localhost:" + server.port() + "/v1/x"), TIMEOUT);
            assertThat(new String(r.body())).isEqualTo("{\"secure\":true}");
        }

        // then one TLS connection carried all three, and the server was told the host name
        assertThat(server.connections() - before).isEqualTo(1);
        assertThat(sniSeen).last().isEqualTo(List.of(new SNIHostName("localhost")));
    }

    @Test
    void aCertificateForAnotherHostNameIsRejected() throws Exception {
        // given a trusted certificate that names "localhost" only
        client = new Http1Client(trusting(keys));

        // when calling the same server as 127.0.0.1, then hostname verification fails the handshake
        assertThatThrownBy(() -> client.send(post("https://127.0.0.1:" + server.port() + "/v1/x"), TIMEOUT))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void anUntrustedCertificateIsRejected() {
        // given the JDK's default trust store, which does not hold the self-signed certificate
        client = new Http1Client();

        // when / then
        assertThatThrownBy(() -> client.send(post("https://localhost:" + server.port() + "/v1/x"), TIMEOUT))
                .isInstanceOf(SSLHandshakeException.class);
    }

    private static Http1Request post(String url) {
        return Http1Request.post(java.net.URI.create(url), Map.of(), "{}".getBytes());
    }

    private static KeyStore selfSignedForLocalhost(Path file) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "upstream", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", new String(PASSWORD),
                "-keypass", new String(PASSWORD)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("keytool: " + out).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }

    private static SSLContext trusting(KeyStore withKey) throws Exception {
        Certificate cert = withKey.getCertificate("upstream");
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("upstream", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return tls;
    }
}
