package org.salientsi.io;

import java.nio.ByteBuffer;

/** Bytes a reader takes from: an open regular file or an array in memory, read in exact ranges. */
interface ByteSource {

    /** @return the size in bytes */
    long size();

    /**
     * Reads exactly {@code into.remaining()} bytes at {@code position}.
     *
     * @param into the buffer to fill
     * @param position the offset
     * @param what what the bytes are, for the message of a short read
     * @throws FileFormatException if the source ends first or cannot be read
     */
    void readFully(ByteBuffer into, long position, String what);

    /**
     * @param name the name for messages
     * @param bytes the bytes (not copied)
     * @return a source over them
     */
    static ByteSource of(String name, byte[] bytes) {
        return new ByteSource() {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public void readFully(ByteBuffer into, long position, String what) {
                if (position < 0 || position + into.remaining() > bytes.length) {
                    throw new FileFormatException(name, name + " is truncated (it ends in its " + what + ")");
                }
                into.put(bytes, (int) position, into.remaining());
            }
        };
    }
}
