// The seed's "Creating Template Jails": a basejail, configured, stopped and marked template; then jails cloned from it
// (create -t), which `list -l` shows with their TEMPLATE.
param 'template', default: 'tpl', description: 'name of the template jail'
param 'release', default: 'busybox', description: 'the release the template is made from'
param 'basejail', default: true, description: "make the template a basejail (the release's system directories read-only)"
param 'clones', default: ['web1', 'web2'], description: 'the jails to make from the template, comma-separated'
param 'motd', default: 'Made from a template by the jailsh template-jail recipe.', description: 'the /etc/motd the template gets'

def tpl = params.template
def rel = params.release
def base = basejail
if (isTemplate(tpl)) {
    jail(tpl) { release rel; if (base) basejail true }
} else {
    jail(tpl) { release rel; if (base) basejail true }
    start tpl
    inside(tpl) {
        file '/etc/motd', content: motd + '\n'
    }
    stop tpl
    set template: 'yes', tpl
}
for (String clone : clones) {
    jail(clone) { from tpl }
}
