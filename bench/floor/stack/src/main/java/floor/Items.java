package floor;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** The one resource of the framework-only service that bench/startup.sh measures. */
@Path("/items")
public class Items {

    @GET
    @Path("/{id}")
    public Uni<Item> get(@PathParam("id") long id) {
        return Item.<Item>findById(id).onItem().ifNull().failWith(NotFoundException::new);
    }
}
