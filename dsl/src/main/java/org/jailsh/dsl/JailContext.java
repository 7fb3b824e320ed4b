package org.jailsh.dsl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import groovy.lang.GroovyObjectSupport;

import org.jailsh.model.IocageProperties;
import org.jailsh.model.JailType;
import org.jailsh.spi.MountEntry;
import org.jailsh.verbs.JailSpec;
import org.jailsh.verbs.MountRules;

/**
 * The delegate of a {@code jail('web') { … }} block. Mandatory values are the block's parameters, optional ones are
 * statements inside it; each statement only records what is wanted (nothing runs here). Any iocage property works as
 * a statement ({@code allow_raw_sockets 1}); unknown words fail with the nearest known names.
 */
public class JailContext extends GroovyObjectSupport {

    private final String name;
    private String release;
    private String template;
    private JailType type;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final List<MountEntry> mounts = new ArrayList<>();

    public JailContext(String name) {
        this.name = name;
    }

    /** The release to clone, e.g. {@code release '13.2-RELEASE'} or {@code release 'busybox'}. */
    public void release(String release) {
        this.release = release;
    }

    /** Clone the jail from a template instead of a release. */
    public void from(String template) {
        this.template = template;
    }

    /** A basejail: the release's system directories mounted read-only. */
    public void basejail(boolean on) {
        type = on ? JailType.BASEJAIL : null;
    }

    /** An independent copy of the release instead of a clone. */
    public void thick(boolean on) {
        type = on ? JailType.THICK : null;
    }

    public void vnet(boolean on) {
        flag("vnet", on);
    }

    public void dhcp(boolean on) {
        flag("dhcp", on);
    }

    public void nat(boolean on) {
        flag("nat", on);
    }

    public void boot(boolean on) {
        flag("boot", on);
    }

    public void template(boolean on) {
        flag("template", on);
    }

    public void ip4(String addresses) {
        properties.put("ip4_addr", addresses);
    }

    public void ip6(String addresses) {
        properties.put("ip6_addr", addresses);
    }

    public void defaultrouter(String router) {
        properties.put("defaultrouter", router);
    }

    public void priority(int priority) {
        properties.put("priority", Integer.toString(priority));
    }

    /** Any iocage property by name: {@code set allow_raw_sockets: 1, notes: 'web server'}. */
    public void set(Map<String, ?> values) {
        values.forEach((key, value) -> property(key, value));
    }

    /** Starts a mount: {@code mount '/mnt/tank/media' to '/media', readOnly: true}. */
    public MountTarget mount(String source) {
        return new MountTarget(this, source);
    }

    void addMount(String source, String destination, boolean readOnly) {
        mounts.add(MountRules.entry(source, destination, readOnly));
    }

    private void flag(String key, boolean on) {
        properties.put(key, on ? "1" : "0");
    }

    private void property(String key, Object value) {
        IocageProperties.require(key);
        properties.put(key, value instanceof Boolean b ? (b ? "1" : "0") : String.valueOf(value));
    }

    /**
     * Property statements: {@code allow_raw_sockets 1}, {@code notes 'web server'}. Other words fall through to the
     * script (so {@code println} works inside a block); the shell turns a word nobody knows into "did you mean".
     */
    public Object methodMissing(String method, Object args) {
        Object[] values = args instanceof Object[] array ? array : new Object[] {args};
        if (values.length == 1 && IocageProperties.find(method).isPresent()) {
            property(method, values[0]);
            return null;
        }
        throw new groovy.lang.MissingMethodException(method, JailContext.class, values);
    }

    public JailSpec toSpec() {
        return new JailSpec(name, release, template, type, properties, mounts);
    }
}
