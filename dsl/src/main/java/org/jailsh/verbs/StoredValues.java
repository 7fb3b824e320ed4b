package org.jailsh.verbs;

import java.util.Map;

import org.jailsh.model.IocageProperties;
import org.jailsh.model.Property;
import org.jailsh.model.PropertyType;
import org.jailsh.spi.ValidationException;
import org.jailsh.store.StoredJail;

/**
 * Before a jail starts, every value its config.json sets is checked as {@code set} would check it: a hand-edited or
 * foreign config must not carry into jail.conf, mounts or the network what {@code set} would have refused.
 */
final class StoredValues {

    private StoredValues() {
    }

    static void check(StoredJail jail) {
        for (Map.Entry<String, Object> e : jail.own().entrySet()) {
            Property p = IocageProperties.all().get(e.getKey());
            // yes/no values are read leniently, as iocage reads them (StoredJail.effective): never passed on as text
            if (p == null || !p.settable() || p.type() == PropertyType.FLAG || e.getValue() == null) {
                continue;
            }
            try {
                p.parse(jail.name(), String.valueOf(e.getValue()));
            } catch (ValidationException invalid) {
                throw new ValidationException(jail.configFile() + " has a value jailsh will not use: "
                        + invalid.getMessage(), "fix it with 'set " + p.name() + "=VALUE " + jail.name()
                        + "', or restore config_backup.json");
            }
        }
    }
}
