package io.connectionhub.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RequestIdLogTest {

    private final List<ExtLogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record instanceof ExtLogRecord ext && RequestIdProbe.MESSAGE.equals(ext.getMessage())) {
                ext.copyMdc();
                records.add(ext);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void logLinesOfARequestCarryTheCallersRequestId() {
        String id = "req-" + UUID.randomUUID();
        given().header(RequestIds.HEADER, id).get("/test-support/request-id")
                .then().statusCode(200).header(RequestIds.HEADER, id).body(equalTo(id));

        ExtLogRecord record = onlyRecord();
        assertEquals(id, record.getMdc(RequestIds.MDC_KEY));
        String format = ConfigProvider.getConfig().getValue("quarkus.log.console.format", String.class);
        assertTrue(new PatternFormatter(format).format(record).contains("[" + id + "]"),
                "the text log line shows the request id");
    }

    @Test
    void requestsWithoutAnIdGetAGeneratedOneInTheMdc() {
        String answered = given().get("/test-support/request-id")
                .then().statusCode(200).extract().body().asString();
        String header = given().get("/test-support/request-id").then().extract().header(RequestIds.HEADER);

        assertTrue(answered.matches("[0-9a-f-]{36}"), answered);
        assertTrue(!answered.equals(header), "each request gets its own id");
        assertEquals(answered, records.get(0).getMdc(RequestIds.MDC_KEY));
    }

    private ExtLogRecord onlyRecord() {
        assertEquals(1, records.size(), "one probe log line");
        return records.get(0);
    }
}
