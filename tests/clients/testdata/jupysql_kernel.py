# jupysql's %sql and %%sql in an IPython kernel (ipykernel, started through
# jupyter_client) against a PostgreSQL-wire server; prints one line per cell result.
import json, os, sys, tempfile
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

url = "postgresql+psycopg2://" + sys.argv[1].split("://", 1)[1]
cells = [
    "%load_ext sql",
    "%config SqlMagic.displaycon = False\n%config SqlMagic.feedback = 0",
    f"%sql {url}",
    "%sql DROP TABLE IF EXISTS js_items",
    "%sql CREATE TABLE js_items (id int PRIMARY KEY, label text, at timestamptz, score numeric(6,2))",
    "%sql INSERT INTO js_items VALUES (1, 'one', '2024-01-01 10:00:00+00', 1.5), (2, 'two', NULL, NULL), (3, 'three', '2024-03-01 00:00:00+00', 3.25)",
    "r = %sql SELECT id, label, at, score FROM js_items ORDER BY id\nprint(r.keys, [tuple(row) for row in r])",
    "df = %sql SELECT count(*), sum(score), max(at) FROM js_items\nprint(df.DataFrame().to_dict('records'))",
    "x = 'two'\nlimit = 2",
    "%%sql res <<\nSELECT id, label FROM js_items WHERE label = '{{x}}' OR id < {{limit}} ORDER BY id",
    "print(res.keys, [tuple(row) for row in res])",
    "%%sql\nSELECT '{{x}}' AS v, {{limit}} AS n",
    "name = 'three'\nr = %sql SELECT id FROM js_items WHERE label = :name\nprint([tuple(row) for row in r])",
    "%sql SELECT * FROM js_nope",
    "r = %sql SELECT 1 AS still_working\nprint([tuple(row) for row in r])",
    "%sql DROP TABLE js_items",
]
# The kernel runs this very Python (the PyPI environment's, which has jupysql), whatever
# kernel specs the machine has.
spec_dir = tempfile.mkdtemp()
os.makedirs(os.path.join(spec_dir, "venvpy"))
with open(os.path.join(spec_dir, "venvpy", "kernel.json"), "w") as f:
    json.dump({"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
               "display_name": "venv", "language": "python"}, f)
km = KernelManager(kernel_name="venvpy", kernel_spec_manager=KernelSpecManager(kernel_dirs=[spec_dir]))
km.start_kernel()
kc = km.client()
kc.start_channels()
kc.wait_for_ready(timeout=60)
try:
    for i, code in enumerate(cells):
        msg_id = kc.execute(code)
        outputs = []
        while True:
            msg = kc.get_iopub_msg(timeout=60)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            t, c = msg["msg_type"], msg["content"]
            if t == "stream" and c["name"] == "stdout":
                if c["text"].strip():  # ipykernel's flushes may send a blank chunk on either server
                    outputs.append(c["text"].strip())
            elif t == "stream":
                outputs.append("stderr")  # messages differ between servers; their presence is compared
            elif t == "error":
                outputs.append("ERROR " + c["ename"])
            elif t in ("execute_result", "display_data"):
                outputs.append(c["data"].get("text/plain", "").strip())
            elif t == "status" and c["execution_state"] == "idle":
                break
        reply = kc.get_shell_msg(timeout=60)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = kc.get_shell_msg(timeout=60)
        print(f"cell{i:02d}", reply["content"]["status"], json.dumps(outputs))
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
