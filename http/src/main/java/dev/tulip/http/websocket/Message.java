package dev.tulip.http.websocket;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** A complete WebSocket message: text or binary (fragments already joined). */
public final class Message {
    private final boolean text;
    private final byte[] data;
    private String string;

    private Message(boolean text, byte[] data, String string) {
        this.text = text;
        this.data = data;
        this.string = string;
    }

    /**
     * A text message.
     *
     * @param s its text
     * @return the message
     */
    public static Message text(String s) {
        return new Message(true, s.getBytes(StandardCharsets.UTF_8), s);
    }

    /**
     * A binary message.
     *
     * @param data its bytes (not copied)
     * @return the message
     */
    public static Message binary(byte[] data) {
        return new Message(false, Objects.requireNonNull(data, "data"), null);
    }

    static Message decodedText(byte[] utf8, String s) {
        return new Message(true, utf8, s);
    }

    /**
     * Whether this is a text message.
     *
     * @return true for text, false for binary
     */
    public boolean isText() {
        return text;
    }

    /**
     * The text of a text message.
     *
     * @return the text
     * @throws IllegalStateException for a binary message
     */
    public String text() {
        if (!text) {
            throw new IllegalStateException("a binary message of " + data.length + " bytes: use bytes()");
        }
        if (string == null) {
            string = new String(data, StandardCharsets.UTF_8);
        }
        return string;
    }

    /**
     * The payload: UTF-8 for a text message.
     *
     * @return the bytes (not copied)
     */
    public byte[] bytes() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Message m && m.text == text && java.util.Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(data) * 31 + (text ? 1 : 0);
    }

    @Override
    public String toString() {
        return text ? "Message.text(" + text() + ")" : "Message.binary(" + data.length + " bytes)";
    }
}
