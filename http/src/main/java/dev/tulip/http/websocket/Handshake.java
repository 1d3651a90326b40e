package dev.tulip.http.websocket;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** The opening handshake's keys (RFC 6455 §4). */
public final class Handshake {
    /** The GUID every server appends to the client's key. */
    public static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Handshake() {
    }

    /**
     * The {@code Sec-WebSocket-Accept} a server answers to a {@code Sec-WebSocket-Key}.
     *
     * @param key the client's key
     * @return base64(SHA-1(key + GUID))
     */
    public static String acceptKey(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return Base64.getEncoder().encodeToString(sha1.digest((key.trim() + GUID).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JDK", e);
        }
    }

    /**
     * A fresh client key: 16 random bytes in base64.
     *
     * @return the key
     */
    public static String newKey() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    /**
     * Whether a {@code Sec-WebSocket-Key} is well formed: base64 of 16 bytes.
     *
     * @param key the header's value
     * @return true when it decodes to 16 bytes
     */
    public static boolean isValidKey(String key) {
        if (key == null) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key.trim()).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
