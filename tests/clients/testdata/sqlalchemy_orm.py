# SQLAlchemy (1.4 from Debian or 2.x from PyPI) through psycopg2: DDL from a declarative
# model, reflection, an ORM round trip and stream_results, printing what it saw.
import datetime, decimal, sys
import sqlalchemy as sa
from sqlalchemy import inspect
from sqlalchemy.orm import Session, declarative_base

url = "postgresql+psycopg2://" + sys.argv[1].split("://", 1)[1]
eng = sa.create_engine(url, future=True)
Base = declarative_base()


class Team(Base):
    __tablename__ = "orm_team"
    id = sa.Column(sa.Integer, primary_key=True)
    title = sa.Column(sa.Text, nullable=False, unique=True)


class Person(Base):
    __tablename__ = "orm_people"
    id = sa.Column(sa.BigInteger, primary_key=True)
    name = sa.Column(sa.String(40), nullable=False, index=True)
    team_id = sa.Column(sa.Integer, sa.ForeignKey("orm_team.id"))
    born = sa.Column(sa.Date)
    score = sa.Column(sa.Numeric(8, 2))
    active = sa.Column(sa.Boolean, default=True)
    seen = sa.Column(sa.DateTime(timezone=True))
    note = sa.Column(sa.Text, server_default="none")
    __table_args__ = (sa.UniqueConstraint("name", "born", name="orm_people_name_born"),)


print("version", sa.__version__.split(".")[0])
Base.metadata.drop_all(eng)
Base.metadata.create_all(eng)
insp = inspect(eng)
print("tables", sorted(t for t in insp.get_table_names() if t.startswith("orm_")))
print("has_table", insp.has_table("orm_people"), insp.has_table("orm_nope"))
for table in ("orm_team", "orm_people"):
    for c in insp.get_columns(table):
        print("column", table, c["name"], repr(c["type"]), c["nullable"], c.get("default"), c.get("autoincrement"))
    print("pk", table, insp.get_pk_constraint(table))
    for i in sorted(insp.get_indexes(table), key=lambda i: i["name"]):
        print("index", table, i["name"], i["unique"], i["column_names"])
    for u in sorted(insp.get_unique_constraints(table), key=lambda u: u["name"]):
        print("unique", table, u["name"], u["column_names"])
    for f in insp.get_foreign_keys(table):
        print("fk", table, f["constrained_columns"], f["referred_table"], f["referred_columns"])
print("views", insp.get_view_names())
print("schemas", sorted(insp.get_schema_names()))

with Session(eng) as s:
    s.add(Team(id=100, title="core"))
    s.commit()
    s.add_all([
        Person(id=1, name="Ada", team_id=100, born=datetime.date(1815, 12, 10), score=decimal.Decimal("99.50"),
               seen=datetime.datetime(2024, 1, 1, 12, 0, tzinfo=datetime.timezone.utc)),
        Person(id=2, name="Grace", born=datetime.date(1906, 12, 9)),
    ])
    s.commit()
with Session(eng) as s:
    t = Team(title="auto")
    s.add(t)
    s.commit()
    print("serial_id", t.id)
with Session(eng) as s:
    rows = s.execute(sa.select(Person).order_by(Person.id)).scalars().all()
    print("rows", [(p.id, p.name, p.team_id, p.born, p.score, p.active, p.seen, p.note) for p in rows])
    p = s.get(Person, 2)
    p.score = decimal.Decimal("1.25")
    s.commit()
    print("updated", s.get(Person, 2).score)
    s.delete(s.get(Person, 1))
    s.commit()
    print("count", s.execute(sa.select(sa.func.count()).select_from(Person)).scalar())
    q = s.execute(sa.select(Person.name, sa.func.coalesce(Person.score, 0)).where(Person.name.like("G%"))).all()
    print("where", q)
with eng.connect() as c:
    r = c.execution_options(stream_results=True, max_row_buffer=100).execute(
        sa.text("SELECT g AS n FROM generate_series(1, 5000) AS g ORDER BY g"))
    sizes = [len(part) for part in r.partitions(1000)]
    print("streamed", sizes)
    print("params", c.execute(sa.text("SELECT :a + 1 AS x, :b AS s"), {"a": 41, "b": "it's"}).all())
Base.metadata.drop_all(eng)
print("dropped", sorted(t for t in inspect(eng).get_table_names() if t.startswith("orm_")))
