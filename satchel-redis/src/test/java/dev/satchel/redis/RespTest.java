package dev.satchel.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RespTest {

  private static Resp.Reader reader(String wire) {
    return new Resp.Reader(new ByteArrayInputStream(wire.getBytes(StandardCharsets.UTF_8)));
  }

  /** Hands out at most {@code chunk} bytes per read, as a socket may. */
  private static Resp.Reader trickling(byte[] wire, int chunk) {
    return new Resp.Reader(new InputStream() {
      int pos;

      @Override
      public int read() {
        return pos < wire.length ? wire[pos++] & 0xff : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (pos >= wire.length) {
          return -1;
        }
        int n = Math.min(Math.min(len, chunk), wire.length - pos);
        System.arraycopy(wire, pos, b, off, n);
        pos += n;
        return n;
      }
    });
  }

  @Test
  void encodesCommandsAsArraysOfUtf8BulkStrings() {
    byte[] bytes = new Resp.Writer().command(new String[] {"HGETALL", "k\u00e9y", ""}).bytes();
    assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("*3\r\n$7\r\nHGETALL\r\n$4\r\nk\u00e9y\r\n$0\r\n\r\n");
  }

  @Test
  void aLargeCommandGrowsTheBufferAndReusesItForTheNext() {
    Resp.Writer w = new Resp.Writer();
    String big = "x".repeat(100_000);
    assertThat(w.command(new String[] {"SET", "k", big}).bytes()).hasSize(100_000 + 31);
    assertThat(new String(w.command(new String[] {"PING"}).bytes(), StandardCharsets.UTF_8))
        .isEqualTo("*1\r\n$4\r\nPING\r\n");
  }

  @Test
  void decodesEveryReplyType() throws IOException {
    Resp.Reader r = reader("+OK\r\n-NOSCRIPT No matching script\r\n:-42\r\n$4\r\nh\u00e9l\r\n$-1\r\n*-1\r\n"
        + "*3\r\n:1\r\n$-1\r\n*1\r\n$0\r\n\r\n");
    assertThat(r.read()).isEqualTo("OK");
    assertThat(r.read()).isEqualTo(new Resp.Error("NOSCRIPT No matching script"));
    assertThat(r.read()).isEqualTo(-42L);
    assertThat(r.read()).isEqualTo("h\u00e9l");
    assertThat(r.read()).isNull();
    assertThat(r.read()).isNull();
    assertThat(r.read()).isEqualTo(Arrays.asList(1L, null, List.of("")));
    assertThat(r.drained()).isTrue();
  }

  @Test
  void bulkStringsLargerThanTheBufferAndSplitReadsComeBackWhole() throws IOException {
    String value = "\u00e9".repeat(40_000) + "\r\n" + "z".repeat(10_000);
    int bytes = value.getBytes(StandardCharsets.UTF_8).length;
    byte[] wire = ("*2\r\n$" + bytes + "\r\n" + value + "\r\n:7\r\n").getBytes(StandardCharsets.UTF_8);
    for (int chunk : new int[] {1, 3, 1000, 70_000}) {
      assertThat(trickling(wire, chunk).read()).as("chunks of %d", chunk).isEqualTo(List.of(value, 7L));
    }
  }

  @Test
  void aClosedOrCorruptStreamFailsInsteadOfHanging() {
    assertThatThrownBy(() -> reader("$10\r\nabc").read()).isInstanceOf(EOFException.class);
    assertThatThrownBy(() -> reader("").read()).isInstanceOf(EOFException.class);
    assertThatThrownBy(() -> reader("?what\r\n").read()).isInstanceOf(IOException.class)
        .hasMessageContaining("corrupt");
    assertThatThrownBy(() -> reader(":12a\r\n").read()).isInstanceOf(IOException.class)
        .hasMessageContaining("corrupt");
    assertThatThrownBy(() -> reader("$3\r\nabcd\r\n").read()).isInstanceOf(IOException.class)
        .hasMessageContaining("CRLF");
    assertThatThrownBy(() -> reader("$999999999999\r\n").read()).isInstanceOf(IOException.class)
        .hasMessageContaining("corrupt");
  }
}
