package dev.satchel.redis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A minimal RESP client for tests: sends one command, reads one reply (simple, error, integer or bulk string). */
final class RespClient {

  private RespClient() {}

  static String call(String host, int port, List<String> words) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 1000);
      s.setSoTimeout(3000);
      OutputStream out = s.getOutputStream();
      out.write(encode(words));
      out.flush();
      return readReply(s.getInputStream());
    }
  }

  static byte[] encode(List<String> words) {
    StringBuilder b = new StringBuilder("*").append(words.size()).append("\r\n");
    for (String w : words) {
      byte[] bytes = w.getBytes(StandardCharsets.UTF_8);
      b.append('$').append(bytes.length).append("\r\n").append(w).append("\r\n");
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\r') {
        in.read();
        break;
      }
      line.write(c);
    }
    if (c == -1 && line.size() == 0) {
      throw new IOException("connection closed");
    }
    return line.toString(StandardCharsets.UTF_8);
  }

  private static String readReply(InputStream in) throws IOException {
    String head = readLine(in);
    if (head.startsWith("$")) {
      int len = Integer.parseInt(head.substring(1));
      if (len < 0) {
        return "$-1";
      }
      byte[] data = in.readNBytes(len + 2);
      return new String(data, 0, len, StandardCharsets.UTF_8);
    }
    return head;
  }
}
