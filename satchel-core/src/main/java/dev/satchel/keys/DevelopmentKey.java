package dev.satchel.keys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The development key: generated once, kept in a file only its owner can read, shared by every process.
 *
 * <p>Several workers often start at the same moment; each must end up with the same key or they reject each other's
 * cookies. The key is written completely to a private temporary file, then published with a hard link, which the
 * operating system creates atomically and refuses when the name exists: exactly one process wins, the others read
 * the winner's file, and nobody ever reads a half-written key. Where hard links are unsupported, an exclusive file
 * lock serializes the same check-then-publish step.
 */
final class DevelopmentKey {

  static final String FILE_NAME = "dev-secret-key";

  private static final Logger LOG = LoggerFactory.getLogger(KeyRing.class);
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

  private DevelopmentKey() {}

  static KeyRing loadOrCreate(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    try {
      if (!Files.exists(file)) {
        create(dir, file);
      }
      byte[] key = read(file);
      LOG.warn("Using the DEVELOPMENT secret key from {} because SATCHEL_ENV=development and no key is configured."
          + " Sessions signed with it are only as safe as that file; never run production like this: set"
          + " SATCHEL_SECRET_KEY (make one with `satchel keygen` or `openssl rand -base64 32`).", file);
      return KeyRing.of(key);
    } catch (IOException e) {
      throw new SecretKeyException("Cannot create or read the development key file " + file + ": "
          + e.getClass().getSimpleName() + " " + e.getMessage() + ". Make the directory writable, point"
          + " SATCHEL_HOME at a writable directory, or set SATCHEL_SECRET_KEY. "
          + SecretKeyException.HOW_TO_MAKE_A_KEY, e);
    }
  }

  private static void create(Path dir, Path file) throws IOException {
    boolean posix = createDirectory(dir);
    FileAttribute<?>[] attrs = posix
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)} : new FileAttribute<?>[0];
    Path tmp = Files.createTempFile(dir, ".dev-secret-key-", ".tmp", attrs);
    try {
      byte[] text = (KeyText.format(KeyText.generate()) + "\n").getBytes(StandardCharsets.US_ASCII);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(text);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      publish(dir, tmp, file);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Makes {@code tmp} visible as {@code file} unless another process did so first. */
  private static void publish(Path dir, Path tmp, Path file) throws IOException {
    try {
      Files.createLink(file, tmp);
      LOG.warn("Generated a new DEVELOPMENT secret key in {}.", file);
    } catch (FileAlreadyExistsException lost) {
      // Another process published first; its key is the one everybody uses.
    } catch (UnsupportedOperationException | IOException noLinks) {
      if (Files.exists(file)) {
        return;
      }
      try (FileChannel lockChannel = FileChannel.open(dir.resolve(".dev-secret-key.lock"),
              StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock lock = lockChannel.lock();
        try {
          if (!Files.exists(file)) {
            Files.move(tmp, file);
            LOG.warn("Generated a new DEVELOPMENT secret key in {}.", file);
          }
        } finally {
          lock.release();
        }
      }
    }
  }

  /** Creates the directory owner-only; returns whether the file system has POSIX permissions. */
  private static boolean createDirectory(Path dir) throws IOException {
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    if (!Files.isDirectory(dir)) {
      try {
        if (posix) {
          Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        } else {
          Files.createDirectories(dir);
        }
      } catch (FileAlreadyExistsException raced) {
        // A concurrent process made it; fine as long as it is a directory, which the next call checks.
      }
    }
    return posix;
  }

  private static byte[] read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8).strip();
    byte[] key;
    try {
      key = KeyText.parse(text);
    } catch (IllegalArgumentException e) {
      throw new SecretKeyException("The development key file " + file + " is damaged (" + e.getMessage()
          + "). Delete it; a new key is generated on the next start (existing dev sessions are then logged out).");
    }
    Optional<String> weakness = KeyStrength.weakness(text, key);
    if (weakness.isPresent()) {
      throw new WeakSecretKeyException("The development key file " + file + " holds a weak key ("
          + weakness.get() + "). Delete it; a new key is generated on the next start.");
    }
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    if (view != null) {
      Set<PosixFilePermission> perms = view.readAttributes().permissions();
      if (!OWNER_ONLY_FILE.containsAll(perms)) {
        LOG.warn("The development key file {} is readable by others ({}); run `chmod 600 {}`.", file,
            PosixFilePermissions.toString(perms), file);
      }
    }
    return key;
  }
}
