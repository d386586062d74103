package io.connectionhub.organization;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A UDP DNS server on 127.0.0.1 (random port) that answers as each test tells it: TXT records, NXDOMAIN, an error
 * code, or nothing at all. Names it was not told about get an empty NOERROR answer.
 */
final class LoopbackDnsResponder implements AutoCloseable {

    /** How to answer one name. */
    private sealed interface Answer {
    }

    private record Txt(List<List<String>> records) implements Answer {
    }

    private record Code(int rcode) implements Answer {
    }

    private record Silence() implements Answer {
    }

    private final DatagramSocket socket;
    private final Map<Name, Answer> answers = new ConcurrentHashMap<>();
    private final List<String> questions = new CopyOnWriteArrayList<>();
    private final Thread thread;

    LoopbackDnsResponder() throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(this::serve, "loopback-dns");
        thread.setDaemon(true);
        thread.start();
    }

    /** {@code host:port}, as {@code connectionhub.dns.server} takes it. */
    String server() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    /** One TXT record per value. */
    void txt(String name, String... values) {
        answers.put(name(name), new Txt(Arrays.stream(values).map(List::of).toList()));
    }

    /** One TXT record made of several character strings. */
    void txtStrings(String name, String... strings) {
        answers.put(name(name), new Txt(List.of(List.of(strings))));
    }

    void nxdomain(String name) {
        answers.put(name(name), new Code(Rcode.NXDOMAIN));
    }

    void servfail(String name) {
        answers.put(name(name), new Code(Rcode.SERVFAIL));
    }

    void silent(String name) {
        answers.put(name(name), new Silence());
    }

    /** The questions received, as {@code <name> <type>}. */
    List<String> questions() {
        return questions;
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
                Record question = query.getQuestion();
                questions.add(question.getName() + " " + Type.string(question.getType()));
                Answer answer = answers.getOrDefault(question.getName(), new Txt(List.of()));
                if (answer instanceof Silence) {
                    continue;
                }
                byte[] wire = respond(query, question, answer).toWire();
                socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    private static Message respond(Message query, Record question, Answer answer) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.RA);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        response.addRecord(question, Section.QUESTION);
        if (answer instanceof Code code) {
            response.getHeader().setRcode(code.rcode());
        } else if (answer instanceof Txt txt && question.getType() == Type.TXT) {
            for (List<String> strings : txt.records()) {
                response.addRecord(new TXTRecord(question.getName(), DClass.IN, 60, strings), Section.ANSWER);
            }
        }
        return response;
    }

    private static Name name(String name) {
        try {
            return Name.fromString(name, Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(2000);
    }
}
