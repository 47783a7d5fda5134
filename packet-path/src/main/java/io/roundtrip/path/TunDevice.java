package io.roundtrip.path;

import com.sun.jna.LastErrorException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A layer-3 TUN device (Linux {@code Documentation/networking/tuntap.rst}): every IP packet the kernel routes to the
 * interface is read here, and every packet written here enters the kernel as if it had arrived on it. Created with
 * {@code IFF_TUN | IFF_NO_PI}, so a read is exactly one packet, no extra header; not persistent, so the interface
 * disappears when this is closed.
 */
final class TunDevice implements AutoCloseable {

    /** {@code _IOW('T', 202, int)}. */
    private static final long TUNSETIFF = 0x400454caL;
    private static final short IFF_TUN = 0x0001;
    private static final short IFF_NO_PI = 0x1000;
    /** {@code struct ifreq}: a 16-byte name, then a union whose first member here is the short flags. */
    private static final int IFREQ_BYTES = 40;
    static final int MAX_NAME_CHARS = 15;

    private final String name;
    private final int fd;
    private volatile boolean closed;

    private TunDevice(String name, int fd) {
        this.name = name;
        this.fd = fd;
    }

    /** Creates interface {@code name} in the calling process's network namespace. */
    static TunDevice create(String name) {
        if (name.length() > MAX_NAME_CHARS) {
            throw new IllegalArgumentException("interface name '" + name + "' is longer than 15 characters");
        }
        int fd;
        try {
            fd = Libc.INSTANCE.open("/dev/net/tun", Libc.O_RDWR);
        } catch (LastErrorException e) {
            throw new PathException("cannot open /dev/net/tun (" + errno(e) + "): a TUN device needs Linux and root"
                    + " or CAP_NET_ADMIN");
        }
        ByteBuffer ifreq = ByteBuffer.allocate(IFREQ_BYTES).order(ByteOrder.nativeOrder());
        ifreq.put(name.getBytes(StandardCharsets.US_ASCII));
        ifreq.putShort(16, (short) (IFF_TUN | IFF_NO_PI));
        try {
            Libc.INSTANCE.ioctl(fd, TUNSETIFF, ifreq.array());
        } catch (LastErrorException e) {
            Libc.INSTANCE.close(fd);
            throw new PathException("cannot create TUN device " + name + " (" + errno(e) + ")");
        }
        return new TunDevice(name, fd);
    }

    String name() {
        return name;
    }

    /**
     * Reads one packet into {@code buffer}, waiting at most {@code timeoutMillis}; returns its length, or 0 when
     * none came in time (so a reader can notice it should stop).
     */
    int read(byte[] buffer, int timeoutMillis) {
        byte[] pollfd = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder())
                .putInt(0, fd).putShort(4, Libc.POLLIN).array();
        try {
            if (Libc.INSTANCE.poll(pollfd, 1, timeoutMillis) <= 0 || closed) {
                return 0;
            }
            return Math.max(0, Libc.INSTANCE.read(fd, buffer, buffer.length));
        } catch (LastErrorException e) {
            if (closed) {
                return 0;
            }
            throw new PathException("reading " + name + " failed (" + errno(e) + ")");
        }
    }

    /** Writes one packet. A packet the kernel refuses is dropped, as a router would (counted by the caller). */
    boolean write(byte[] packet, int length) {
        try {
            return Libc.INSTANCE.write(fd, packet, length) == length;
        } catch (LastErrorException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Libc.INSTANCE.close(fd);
        }
    }

    private static String errno(LastErrorException e) {
        return "errno " + e.getErrorCode();
    }
}
