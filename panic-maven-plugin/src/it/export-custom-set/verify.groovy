// Runs after the five invocations of invoker.properties.
def out = new File(basedir, 'target/chaos-mesh')
def names = out.list().sort()
assert names == ['networkchaos-orders-burst-network.yaml', 'stresschaos-orders-burst-cpu.yaml',
        'stresschaos-orders-burst-memory.yaml'] : "files in ${out}: ${names}"

def cpu = new File(out, 'stresschaos-orders-burst-cpu.yaml').text
assert cpu.contains('kind: StressChaos')
assert cpu.contains('namespace: shop')
assert cpu.contains('app: orders')
assert cpu.contains('workers: 2')
assert cpu.contains('load: 60')
assert cpu.contains('duration: 1m')
assert cpu.contains('panic-attack.dev/constraint-set: orders-burst')
assert cpu.contains('panic-attack.dev/omitted: concurrency.parallel')
assert new File(out, 'stresschaos-orders-burst-memory.yaml').text.contains('size: 1024MiB')
assert new File(out, 'networkchaos-orders-burst-network.yaml').text.contains('latency: 100ms')

def log = new File(basedir, 'build.log').text
// Invocation 2 printed the manifests themselves.
assert log.contains('apiVersion: chaos-mesh.org/v1alpha1')
assert log.contains('kind: NetworkChaos')
// Invocation 3 failed with the library's message, naming the key and the fix, and wrote nothing.
assert log.contains('concurrency.parallel: has no Chaos Mesh equivalent')
assert log.contains('(Maven: -Domit=concurrency.parallel)')
assert !new File(basedir, 'target/refused').exists()
// Invocation 4 wrote the same manifests, checked against the CRDs given.
assert new File(basedir, 'target/crd-checked').list().sort() == names
assert new File(basedir, 'target/crd-checked/stresschaos-orders-burst-cpu.yaml').text == cpu
// Invocation 5 refused the kind its CRDs do not define, naming it, and wrote nothing.
assert log.contains("kind: expected one of StressChaos in the CRDs of [")
assert log.contains("but was 'NetworkChaos'")
assert !new File(basedir, 'target/crd-refused').exists()
true
