package io.uptake.http;

import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The one way the dashboard and the collector listen: the host to bind, HTTPS from PEM files, the
 * proxies whose forwarding headers are believed, and headers on every answer, Jetty's own error pages
 * (400, 414, 431 for requests that never reach the application) included. Under TLS, directly or as a
 * trusted proxy says, every answer carries {@value #HSTS}.
 */
public final class HttpServers {

    public static final String HSTS_HEADER = "Strict-Transport-Security";
    /** A year; the browser then refuses plain HTTP to this host. */
    public static final String HSTS = "max-age=31536000";

    private HttpServers() {}

    /**
     * Sets up {@code config} to listen as {@code options} say and to put {@code headers} on every
     * answer. Reads the PEM files now, so that a bad one stops the start with its message.
     */
    public static void configure(JavalinConfig config, ServerOptions options, Map<String, String> headers) {
        SslContextFactory.Server ssl = options.tls() == null ? null : sslContextFactory(options.tls());
        Map<String, String> fixed = Map.copyOf(headers);
        config.jetty.host = options.host();
        config.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
        config.jetty.modifyServer(server -> server.setErrorHandler(new HeaderErrorHandler(fixed)));
        // Replaces Javalin's plain connector; the port is the one given to start().
        config.jetty.addConnector((server, http) -> {
            HttpConfiguration configuration = new HttpConfiguration(http);
            List<HttpConfiguration.Customizer> customizers = new ArrayList<>();
            if (ssl != null) {
                customizers.add(new SecureRequestCustomizer());
            }
            if (!options.trustedProxies().isEmpty()) {
                customizers.add(new TrustedProxies(options.trustedProxies()));
            }
            customizers.add((request, responseHeaders) -> {
                addHeaders(request, responseHeaders, fixed);
                return request;
            });
            configuration.setCustomizers(customizers);
            HttpConnectionFactory plain = new HttpConnectionFactory(configuration);
            ServerConnector connector = ssl == null ? new ServerConnector(server, plain)
                    : new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), plain);
            connector.setHost(config.jetty.host);
            connector.setPort(config.jetty.port);
            return connector;
        });
    }

    /**
     * What a command prints once its server listens: the URL (ending in {@code path}), and a warning
     * when plain HTTP is open beyond this machine without a proxy in front. {@code secrets} says what
     * would cross the network in clear, such as "passwords and session cookies".
     */
    public static Startup startup(String name, ServerOptions options, int boundPort, String path, String secrets) {
        String where = options.loopbackOnly() ? " (this machine only)"
                : options.everyInterface() ? " (every network interface)" : "";
        String line = name + " on " + options.url(boundPort) + path + where;
        if (options.tls() != null || options.loopbackOnly() || !options.trustedProxies().isEmpty()) {
            return new Startup(line, null);
        }
        return new Startup(line, "WARNING: " + name.toLowerCase(java.util.Locale.ROOT) + " over plain HTTP on "
                + (options.everyInterface() ? "every network interface" : options.host()) + ": " + secrets
                + " cross the network in clear. Give --tls-cert and --tls-key, or put a TLS proxy in front and name it "
                + "with --trusted-proxy, or listen on this machine only with --host 127.0.0.1.");
    }

    /** The line saying where a server listens, and a warning or null. */
    public record Startup(String line, String warning) {}

    private static void addHeaders(Request request, HttpFields.Mutable headers, Map<String, String> fixed) {
        fixed.forEach(headers::put);
        if (request.isSecure()) {
            headers.put(HSTS_HEADER, HSTS);
        }
    }

    /** Jetty's TLS set-up from the PEM files. */
    private static SslContextFactory.Server sslContextFactory(TlsCredentials tls) {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        // The key store lives in memory only; its password just has to be the same on both sides.
        String password = Base64.getEncoder().encodeToString(secret);
        KeyStore store;
        try {
            store = tls.keyStore(password.toCharArray());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the TLS certificate or key: " + e.getMessage(), e);
        }
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(store);
        ssl.setKeyStorePassword(password);
        ssl.setCertAlias(TlsCredentials.ALIAS);
        return ssl;
    }

    /**
     * Jetty's forwarding headers ({@code Forwarded}, {@code X-Forwarded-For/Proto/Host/Port}), believed
     * only from the given addresses: from anyone else they would let a client claim HTTPS or another
     * address.
     */
    private static final class TrustedProxies implements HttpConfiguration.Customizer {

        private final List<InetAddress> proxies;
        private final ForwardedRequestCustomizer forwarded = new ForwardedRequestCustomizer();

        TrustedProxies(List<InetAddress> proxies) {
            this.proxies = List.copyOf(proxies);
        }

        @Override
        public Request customize(Request request, HttpFields.Mutable responseHeaders) {
            return trusted(Request.getRemoteAddr(request)) ? forwarded.customize(request, responseHeaders) : request;
        }

        private boolean trusted(String remote) {
            try {
                return remote != null && proxies.contains(InetAddress.getByName(remote));
            } catch (UnknownHostException e) {
                return false;
            }
        }
    }

    /** Jetty's error pages, for requests the application never saw, with the same headers; no stack traces. */
    private static final class HeaderErrorHandler extends ErrorHandler {

        private final Map<String, String> headers;

        HeaderErrorHandler(Map<String, String> headers) {
            this.headers = headers;
            setShowStacks(false);
            setShowCauses(false);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            addHeaders(request, response.getHeaders(), headers);
            return super.handle(request, response, callback);
        }
    }
}
