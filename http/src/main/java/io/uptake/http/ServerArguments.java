package io.uptake.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The command-line options of every command that serves HTTP, read one way: {@value #USAGE}. A
 * command hands each option to {@link #accept} and takes the result from {@link #options}; a bad
 * value is an {@link IllegalArgumentException} whose message names the option and what to give.
 */
public final class ServerArguments {

    public static final String USAGE = "[--host ADDR] [--port N] [--tls-cert PEM --tls-key PEM] [--trusted-proxy ADDR]";
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    private String host;
    private int port;
    private Path tlsCert;
    private Path tlsKey;
    private final List<InetAddress> trustedProxies = new ArrayList<>();

    public ServerArguments(String defaultHost, int defaultPort) {
        this.host = defaultHost;
        this.port = defaultPort;
    }

    /** Reads {@code option value} when it is a server option and says whether it was. */
    public boolean accept(String option, String value) {
        switch (option) {
            case "--host" -> host = host(value);
            case "--port" -> port = port(value);
            case "--tls-cert" -> tlsCert = Path.of(value);
            case "--tls-key" -> tlsKey = Path.of(value);
            case "--trusted-proxy" -> trustedProxies.add(address(value));
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The options read; the PEM files must both be given, or neither, and exist. */
    public ServerOptions options() {
        return new ServerOptions(host, port, tls(tlsCert, tlsKey), trustedProxies);
    }

    private static String host(String value) {
        try {
            InetAddress.getByName(value);
            return value;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--host '" + value + "' is neither an IP address nor a known host name: give an "
                    + "address of this machine, 127.0.0.1 for this machine only or 0.0.0.0 for every network interface");
        }
    }

    /** An IP address, never a name: whom to trust must not depend on what a name server answers. */
    private static InetAddress address(String value) {
        if (IP_LITERAL.matcher(value).matches()) {
            try {
                return InetAddress.getByName(value);
            } catch (UnknownHostException e) {
                // Not a well-formed address either: said below.
            }
        }
        throw new IllegalArgumentException("--trusted-proxy '" + value + "' is not an IP address: give the address the proxy "
                + "connects from, such as 127.0.0.1 or 10.0.0.5");
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number from 0 to 65535, got '" + value + "'");
        }
    }

    /** Both PEM files or neither: a certificate without its key cannot serve HTTPS. */
    private static TlsCredentials tls(Path cert, Path key) {
        if (cert == null && key == null) {
            return null;
        }
        if (key == null) {
            throw new IllegalArgumentException("--tls-cert needs --tls-key FILE too: the PEM private key of the certificate");
        }
        if (cert == null) {
            throw new IllegalArgumentException("--tls-key needs --tls-cert FILE too: the PEM certificate (chain) of the key");
        }
        if (!Files.isRegularFile(cert)) {
            throw new IllegalArgumentException("--tls-cert " + cert + ": no such file");
        }
        if (!Files.isRegularFile(key)) {
            throw new IllegalArgumentException("--tls-key " + key + ": no such file");
        }
        return new TlsCredentials(cert, key);
    }
}
