package org.salientsi.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Opening a file users name, refusing before it is opened anything that is not a regular file (a folder, a
 * FIFO, a device such as a link to {@code /dev/zero}, a dangling link), then reading exact byte ranges from
 * it: a short read is a truncated file, never a silent zero.
 */
final class RegularFile implements ByteSource, AutoCloseable {

    private final String name;
    private final FileChannel channel;
    private final long size;

    private RegularFile(String name, FileChannel channel, long size) {
        this.name = name;
        this.channel = channel;
        this.size = size;
    }

    /**
     * @param file the path
     * @return the open file
     * @throws FileFormatException if it is missing, not a regular file or unreadable, naming it
     */
    static RegularFile open(Path file) {
        String name = file.toString();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            if (Files.isSymbolicLink(file)) {
                throw new FileFormatException(name, name + " is a symbolic link to a missing file");
            }
            throw new FileFormatException(name, "file not found: " + name);
        } catch (IOException e) {
            throw new FileFormatException(name, "cannot read " + name + ": " + e.getMessage(), e);
        }
        if (attributes.isDirectory()) {
            throw new FileFormatException(name, name + " is a folder, not a file");
        }
        if (!attributes.isRegularFile()) {
            throw new FileFormatException(name, name + " is not a regular file (a device, FIFO or socket"
                    + (Files.isSymbolicLink(file) ? ", through a symbolic link" : "") + "); SalientSI reads files");
        }
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            return new RegularFile(name, channel, channel.size());
        } catch (AccessDeniedException e) {
            throw new FileFormatException(name, "cannot read " + name + ": permission denied", e);
        } catch (IOException e) {
            throw new FileFormatException(name, "cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    /** @return the file's size in bytes when it was opened */
    @Override
    public long size() {
        return size;
    }

    /**
     * Reads exactly {@code into.remaining()} bytes at {@code position}.
     *
     * @param into the buffer to fill
     * @param position the file offset
     * @param what what the bytes are, for the message of a short read
     * @throws FileFormatException if the file ends first or cannot be read
     */
    @Override
    public void readFully(ByteBuffer into, long position, String what) {
        long at = position;
        try {
            while (into.hasRemaining()) {
                int n = channel.read(into, at);
                if (n < 0) {
                    throw new FileFormatException(name, name + " is truncated (it ends in its " + what + ")");
                }
                at += n;
            }
        } catch (IOException e) {
            throw new FileFormatException(name, "cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // read-only: nothing was written that a failed close could lose
        }
    }
}
