package dev.tulip.io;

import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * How a stream runs TLS: asyncio's {@code ssl=}, {@code server_hostname=} and
 * {@code ssl_handshake_timeout=} arguments of {@code open_connection} and {@code start_server}, as one
 * immutable value. {@code TlsOptions.of(context)} is enough for most uses:
 *
 * <pre>{@code
 * Connection c = await(Streams.openConnection("example.com", 443, TlsOptions.of(SSLContext.getDefault())));
 * Server s = await(Streams.startServer(handler, "0.0.0.0", 8443, TlsOptions.of(serverContext)));
 * }</pre>
 *
 * <p>On a client the server's certificate is checked against the host name (endpoint identification
 * {@code "HTTPS"}, as Python's {@code check_hostname}), and the name is sent as SNI. The name is the host
 * given to {@code openConnection} unless {@link #serverHostname(String)} says otherwise;
 * {@link #checkHostname(boolean) checkHostname(false)} turns the name check off (the chain is still
 * verified by the context's trust managers). On a server these two are ignored; client certificates,
 * protocols, cipher suites and ALPN are set on the engine through {@link #configure(Consumer)}.
 */
public final class TlsOptions {
    /** asyncio's {@code SSL_HANDSHAKE_TIMEOUT}: 60 seconds. */
    public static final double DEFAULT_HANDSHAKE_TIMEOUT = 60.0;

    private final SSLContext context;
    private final String serverHostname;
    private final boolean checkHostname;
    private final double handshakeTimeout;
    private final Consumer<SSLEngine> configure;

    private TlsOptions(SSLContext context, String serverHostname, boolean checkHostname, double handshakeTimeout,
            Consumer<SSLEngine> configure) {
        this.context = context;
        this.serverHostname = serverHostname;
        this.checkHostname = checkHostname;
        this.handshakeTimeout = handshakeTimeout;
        this.configure = configure;
    }

    /**
     * TLS with a context: its key managers give a server's certificate, its trust managers decide whom a
     * client trusts.
     *
     * @param context the context, initialised
     * @return the options, with host name checking on and a 60-second handshake timeout
     */
    public static TlsOptions of(SSLContext context) {
        return new TlsOptions(Objects.requireNonNull(context, "context"), null, true, DEFAULT_HANDSHAKE_TIMEOUT,
                null);
    }

    /**
     * TLS with the JVM's default context ({@link SSLContext#getDefault()}: the JDK's trusted CAs), as
     * Python's {@code ssl=True} uses {@code create_default_context()}. For clients.
     *
     * @return the options
     * @throws IllegalStateException if the JVM has no default context
     */
    public static TlsOptions ofDefault() {
        try {
            return of(SSLContext.getDefault());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default SSLContext", e);
        }
    }

    /**
     * The name a client sends as SNI and checks the certificate against, instead of the host it connects
     * to (asyncio's {@code server_hostname}); for connecting by address to a named server.
     *
     * @param name the server's name, or null for the host given to {@code openConnection}
     * @return new options
     */
    public TlsOptions serverHostname(String name) {
        return new TlsOptions(context, name, checkHostname, handshakeTimeout, configure);
    }

    /**
     * Whether a client checks that the certificate is for the server's name (on by default).
     *
     * @param check false to accept any name on a certificate the trust managers accept
     * @return new options
     */
    public TlsOptions checkHostname(boolean check) {
        return new TlsOptions(context, serverHostname, check, handshakeTimeout, configure);
    }

    /**
     * How long the handshake may take before the connection is aborted (asyncio's
     * {@code ssl_handshake_timeout}).
     *
     * @param seconds positive
     * @return new options
     */
    public TlsOptions handshakeTimeout(double seconds) {
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("handshakeTimeout must be positive, got " + seconds);
        }
        return new TlsOptions(context, serverHostname, checkHostname, seconds, configure);
    }

    /**
     * Something to do to each engine before its handshake, after Tulip set its mode, host name check and
     * SNI: {@code e -> e.setNeedClientAuth(true)}, {@code e -> e.setEnabledProtocols(...)}, ALPN through
     * {@code SSLParameters}.
     *
     * @param configure what to do, or null
     * @return new options
     */
    public TlsOptions configure(Consumer<SSLEngine> configure) {
        return new TlsOptions(context, serverHostname, checkHostname, handshakeTimeout, configure);
    }

    /**
     * The context.
     *
     * @return the context
     */
    public SSLContext context() {
        return context;
    }

    /**
     * The name set by {@link #serverHostname(String)}.
     *
     * @return the name, or null
     */
    public String serverHostname() {
        return serverHostname;
    }

    /**
     * Whether a client checks the server's name.
     *
     * @return true by default
     */
    public boolean checkHostname() {
        return checkHostname;
    }

    /**
     * The handshake timeout.
     *
     * @return seconds
     */
    public double handshakeTimeout() {
        return handshakeTimeout;
    }

    /** The engine for one connection, set up for its side. */
    SSLEngine newEngine(boolean client, String host, int port) {
        String name = serverHostname != null ? serverHostname : host;
        SSLEngine engine = client && name != null ? context.createSSLEngine(name, port) : context.createSSLEngine();
        engine.setUseClientMode(client);
        if (client) {
            javax.net.ssl.SSLParameters p = engine.getSSLParameters();
            if (checkHostname) {
                p.setEndpointIdentificationAlgorithm("HTTPS");
            }
            // The JDK sends SNI only for dotted names; asyncio sends any name that is not an address.
            if (name != null && !name.isEmpty() && !Connector.isLiteral(name)) {
                try {
                    p.setServerNames(java.util.List.of(new javax.net.ssl.SNIHostName(name)));
                } catch (IllegalArgumentException e) {
                    // not a valid DNS name: no SNI, the name check still applies
                }
            }
            engine.setSSLParameters(p);
        }
        if (configure != null) {
            configure.accept(engine);
        }
        return engine;
    }

    @Override
    public String toString() {
        return "TlsOptions[" + context.getProtocol() + (serverHostname != null ? " serverHostname=" + serverHostname : "")
                + (checkHostname ? "" : " checkHostname=false") + " handshakeTimeout=" + handshakeTimeout + "]";
    }
}
