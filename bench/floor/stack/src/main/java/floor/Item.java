package floor;

import io.quarkus.hibernate.reactive.panache.PanacheEntity;
import jakarta.persistence.Entity;

/** The one entity of the framework-only service that bench/startup.sh measures. */
@Entity
public class Item extends PanacheEntity {

    public String name;
}
