import sys
import sqlalchemy as sa
from sqlalchemy import inspect
from sqlalchemy.orm import declarative_base, Session
url = sys.argv[1].replace("postgres://", "postgresql+psycopg2://")
eng = sa.create_engine(url, future=True)
Base = declarative_base()
class Person(Base):
    __tablename__ = "sa_people"
    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.String(40), nullable=False, index=True)
    born = sa.Column(sa.Date)
    score = sa.Column(sa.Numeric(8, 2))
    active = sa.Column(sa.Boolean, default=True)
    ts = sa.Column(sa.DateTime(timezone=True))
    __table_args__ = (sa.UniqueConstraint("name", "born", name="sa_people_name_born"),)
Base.metadata.drop_all(eng)
Base.metadata.create_all(eng)
insp = inspect(eng)
print("tables", sorted(insp.get_table_names()))
for c in insp.get_columns("sa_people"):
    print("col", c["name"], repr(c["type"]), c["nullable"], c.get("default"), c.get("autoincrement"))
print("pk", insp.get_pk_constraint("sa_people"))
print("idx", sorted(insp.get_indexes("sa_people"), key=lambda i: i["name"]))
print("uq", insp.get_unique_constraints("sa_people"))
print("fk", insp.get_foreign_keys("sa_people"))
print("views", insp.get_view_names())
print("schemas", insp.get_schema_names())
import datetime, decimal
with Session(eng) as s:
    s.add_all([Person(id=1, name="Ada", born=datetime.date(1815, 12, 10), score=decimal.Decimal("99.50"), ts=datetime.datetime(2024,1,1,12,0,tzinfo=datetime.timezone.utc)),
               Person(id=2, name="Grace", born=datetime.date(1906, 12, 9), score=None)])
    s.commit()
with Session(eng) as s:
    rows = s.execute(sa.select(Person).order_by(Person.id)).scalars().all()
    print("orm", [(p.id, p.name, p.born, p.score, p.active, p.ts) for p in rows])
    p = s.get(Person, 2); p.score = decimal.Decimal("1.25"); s.commit()
    print("upd", s.get(Person, 2).score)
    s.delete(s.get(Person, 1)); s.commit()
    print("count", s.execute(sa.select(sa.func.count()).select_from(Person)).scalar())
with eng.connect() as c:
    r = c.execution_options(stream_results=True).execute(sa.text("SELECT generate_series(1, 5000) AS n"))
    tot = 0
    for part in r.partitions(1000):
        tot += len(part)
    print("streamed", tot)
