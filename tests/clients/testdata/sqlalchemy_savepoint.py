# SQLAlchemy 2 through psycopg2: Session.begin_nested() (SAVEPOINT, RELEASE SAVEPOINT,
# ROLLBACK TO SAVEPOINT) around a unique violation and around work that succeeds,
# printing what each step saw.
import sys
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, declarative_base

url = "postgresql+psycopg2://" + sys.argv[1].split("://", 1)[1]
eng = sa.create_engine(url)
Base = declarative_base()


class Item(Base):
    __tablename__ = "sp_item"
    id = sa.Column(sa.Integer, primary_key=True, autoincrement=False)
    name = sa.Column(sa.Text, nullable=False, unique=True)


class Auto(Base):
    __tablename__ = "sp_auto"
    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.Text, nullable=False, unique=True)


Base.metadata.drop_all(eng)
Base.metadata.create_all(eng)


def names(s, cls):
    return ",".join(x.name for x in s.scalars(sa.select(cls).order_by(cls.id)))


with Session(eng) as s:
    s.add(Item(id=1, name="a"))
    s.flush()
    try:
        with s.begin_nested():
            s.add(Item(id=2, name="a"))
            s.flush()
        print("dup inserted")
    except IntegrityError as e:
        print("dup refused", e.orig.pgcode)
    print("after rollback to savepoint", names(s, Item))
    with s.begin_nested():
        s.add(Item(id=3, name="c"))
    print("after release", names(s, Item))
    try:
        with s.begin_nested():
            s.add(Item(id=4, name="d"))
            s.flush()
            raise RuntimeError("undo")
    except RuntimeError:
        pass
    print("after undo", names(s, Item))
    s.commit()
with Session(eng) as s:
    print("committed", names(s, Item))

# Keys from a sequence, returned to the client: the sandbox's replay draws them again
# (platform/sandbox/savepoint_serial.go).
with Session(eng) as s:
    s.add(Auto(name="x"))
    s.flush()
    try:
        with s.begin_nested():
            s.add(Auto(name="x"))
            s.flush()
    except IntegrityError as e:
        print("serial dup refused", e.orig.pgcode)
    except DBAPIError as e:
        print("serial rollback to savepoint: error", e.orig.pgcode)
        s.rollback()
    print("serial after rollback to savepoint", names(s, Auto))
    s.commit()
Base.metadata.drop_all(eng)
print("done")
