package org.salientsi.backend.dl4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.salientsi.api.error.ModelLoadException;

/**
 * Checks a model file before any native library sees it, and tells Keras HDF5 files from zips by their
 * signature (never by their name alone).
 *
 * <p>HDF5's C library prints a multi-line {@code HDF5-DIAG} trace on stderr for every file it cannot
 * open. To keep errors to one readable line, files are rejected here when they lack the HDF5 signature
 * ({@code \211HDF\r\n\032\n} at offset 0, 512, 1024, ...) or are shorter than the end-of-file address
 * that the HDF5 superblock records (a truncated download or copy).
 */
public final class ModelFiles {

    /** The format of a model file, from its first bytes. */
    public enum Format {
        /** An HDF5 file (Keras 1/2 {@code model.save('m.h5')}). */
        HDF5,
        /** A zip archive (a DL4J model, or a Keras 3 {@code .keras} file). */
        ZIP
    }

    /**
     * What {@link #inspect} found.
     *
     * @param format the format
     * @param size the file size in bytes
     */
    public record FileInfo(Format format, long size) {
    }

    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final long MAX_SUPERBLOCK_OFFSET = 1L << 30;

    private ModelFiles() {
    }

    /**
     * Checks that {@code file} is a readable, non-empty regular file in a format this backend reads, and
     * for HDF5 that it is complete.
     *
     * @param file a model file
     * @return its format and size
     * @throws ModelLoadException if the file is missing, a directory, unreadable, empty, truncated or of
     *     an unknown format; the message says which, and how to produce a readable file
     */
    public static FileInfo inspect(Path file) throws ModelLoadException {
        if (!Files.exists(file)) {
            throw new ModelLoadException(file, "no such file", null);
        }
        if (Files.isDirectory(file)) {
            throw new ModelLoadException(file, "is a directory, not a model file (a TensorFlow SavedModel? "
                    + "save a Keras model as HDF5 with model.save('m.h5'))", null);
        }
        long size;
        byte[] head = new byte[512];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            size = Files.size(file);
            n = in.readNBytes(head, 0, head.length);
        } catch (NoSuchFileException e) {
            throw new ModelLoadException(file, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new ModelLoadException(file, "cannot be read (permission denied)", e);
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot be read: " + e.getMessage(), e);
        }
        if (size == 0 || n == 0) {
            throw new ModelLoadException(file, "is empty (0 bytes)", null);
        }
        if (startsWith(head, n, 0, HDF5_SIGNATURE)) {
            checkHdf5Complete(file, 0, size);
            return new FileInfo(Format.HDF5, size);
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K'
                && (head[2] == 3 && head[3] == 4 || head[2] == 5 && head[3] == 6)) {
            return new FileInfo(Format.ZIP, size);
        }
        // HDF5 allows a user block before the superblock: the signature may sit at 512, 1024, 2048, ...
        for (long offset = 512; offset + HDF5_SIGNATURE.length <= size && offset <= MAX_SUPERBLOCK_OFFSET;
             offset *= 2) {
            if (signatureAt(file, offset)) {
                checkHdf5Complete(file, offset, size);
                return new FileInfo(Format.HDF5, size);
            }
        }
        throw new ModelLoadException(file, unknownFormat(file, head, n), null);
    }

    /**
     * @param file a file
     * @return the SHA-256 of its bytes, lower-case hex
     * @throws ModelLoadException if it cannot be read
     */
    public static String sha256(Path file) throws ModelLoadException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int r = in.read(buffer); r >= 0; r = in.read(buffer)) {
                digest.update(buffer, 0, r);
            }
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot be read: " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String unknownFormat(Path file, byte[] head, int n) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        int first = 0;
        while (first < n && Character.isWhitespace(head[first])) {
            first++;
        }
        if (first < n && (head[first] == '{' || head[first] == '[')) {
            return "is JSON text, not a model file (a Keras architecture JSON holds no weights; save the whole "
                    + "model as HDF5 with model.save('m.h5'))";
        }
        if (name.endsWith(".h5") || name.endsWith(".hdf5")) {
            return "is not an HDF5 file (no HDF5 signature): corrupt, or not saved by Keras; save the model "
                    + "with Keras 2 as model.save('m.h5')";
        }
        if (name.endsWith(".zip") || name.endsWith(".keras")) {
            return "is not a zip file (no zip signature): corrupt, or not a DL4J model zip";
        }
        return "unknown model format: the dl4j backend reads Keras HDF5 files (.h5, .hdf5) and DL4J model "
                + "zips (.zip)";
    }

    private static boolean startsWith(byte[] data, int length, int offset, byte[] prefix) {
        if (offset + prefix.length > length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[offset + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean signatureAt(Path file, long offset) throws ModelLoadException {
        byte[] b = read(file, offset, HDF5_SIGNATURE.length);
        return b != null && startsWith(b, b.length, 0, HDF5_SIGNATURE);
    }

    /** Reads {@code length} bytes at {@code offset}, or returns {@code null} past the end of the file. */
    private static byte[] read(Path file, long offset, int length) throws ModelLoadException {
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            if (offset + length > ch.size()) {
                return null;
            }
            ch.position(offset);
            ByteBuffer buf = ByteBuffer.allocate(length);
            while (buf.hasRemaining()) {
                if (ch.read(buf) < 0) {
                    return null;
                }
            }
            return buf.array();
        } catch (IOException e) {
            throw new ModelLoadException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Compares the file size with the end-of-file address in the HDF5 superblock (format specification,
     * section II.A: versions 0 and 1 list base, free-space, end-of-file and driver addresses after a
     * fixed header of 24 or 28 bytes; versions 2 and 3 list base, extension and end-of-file addresses
     * after 12 bytes).
     */
    private static void checkHdf5Complete(Path file, long offset, long size) throws ModelLoadException {
        byte[] sb = read(file, offset, 12);
        if (sb == null) {
            throw truncated(file, -1, size);
        }
        int version = sb[8] & 0xff;
        int sizeOfOffsets;
        int baseAt;
        int eofIndex;
        if (version == 0 || version == 1) {
            byte[] more = read(file, offset, 14);
            if (more == null) {
                throw truncated(file, -1, size);
            }
            sizeOfOffsets = more[13] & 0xff;
            baseAt = version == 0 ? 24 : 28;
            eofIndex = 2;
        } else if (version == 2 || version == 3) {
            sizeOfOffsets = sb[9] & 0xff;
            baseAt = 12;
            eofIndex = 2;
        } else {
            // an unknown superblock version: leave the judgement to the HDF5 library
            return;
        }
        if (sizeOfOffsets != 2 && sizeOfOffsets != 4 && sizeOfOffsets != 8) {
            throw new ModelLoadException(file, "is a corrupt HDF5 file (invalid superblock)", null);
        }
        byte[] addresses = read(file, offset + baseAt, sizeOfOffsets * (eofIndex + 1));
        if (addresses == null) {
            throw truncated(file, -1, size);
        }
        long base = address(addresses, 0, sizeOfOffsets);
        long eof = address(addresses, eofIndex * sizeOfOffsets, sizeOfOffsets);
        if (base < 0 || eof < 0) {
            return;
        }
        long expected = base + eof;
        if (expected > size) {
            throw truncated(file, expected, size);
        }
    }

    /** A little-endian unsigned address, or -1 for the undefined address (all bits set) or overflow. */
    private static long address(byte[] b, int at, int width) {
        long v = 0;
        boolean allOnes = true;
        for (int i = width - 1; i >= 0; i--) {
            int x = b[at + i] & 0xff;
            allOnes &= x == 0xff;
            v = (v << 8) | x;
        }
        return allOnes || v < 0 ? -1 : v;
    }

    private static ModelLoadException truncated(Path file, long expected, long size) {
        return new ModelLoadException(file, expected < 0
                ? "is a truncated HDF5 file (" + size + " bytes, too short for its header)"
                : "is a truncated HDF5 file: its header records " + expected + " bytes, the file has " + size
                        + " (an interrupted download or copy?)", null);
    }
}
