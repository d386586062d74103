package floor;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** The one resource of the smallest service that bench/startup.sh measures. */
@Path("/hello")
public class Hello {

    @GET
    public String hello() {
        return "hello";
    }
}
