package io.uptake.http;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Where and how a server listens.
 *
 * @param host           the address to bind: {@value #EVERY_INTERFACE} for every network interface,
 *                       {@value #LOOPBACK} for this machine only
 * @param port           the port; 0 picks a free one
 * @param tls            the certificate and key to serve HTTPS with, or null for plain HTTP
 * @param trustedProxies the addresses whose {@code Forwarded}/{@code X-Forwarded-*} headers are
 *                       believed (the client's address, scheme and host as the proxy saw them)
 */
public record ServerOptions(String host, int port, TlsCredentials tls, List<InetAddress> trustedProxies) {

    public static final String EVERY_INTERFACE = "0.0.0.0";
    public static final String LOOPBACK = "127.0.0.1";

    public ServerOptions {
        requireNonNull(host, "host is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be from 0 to 65535, got " + port);
        }
        trustedProxies = List.copyOf(trustedProxies);
    }

    /** Plain HTTP on {@code host}, no proxy. */
    public static ServerOptions plain(String host, int port) {
        return new ServerOptions(host, port, null, List.of());
    }

    public ServerOptions withPort(int value) {
        return new ServerOptions(host, value, tls, trustedProxies);
    }

    public boolean everyInterface() {
        return host.equals(EVERY_INTERFACE) || host.equals("::") || host.equals("0:0:0:0:0:0:0:0");
    }

    /** True when only this machine can connect. */
    public boolean loopbackOnly() {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The base URL of a server with these options listening on {@code boundPort}. */
    public String url(int boundPort) {
        String address = host.contains(":") ? "[" + host + "]" : host;
        return (tls == null ? "http" : "https") + "://" + address + ":" + boundPort;
    }
}
