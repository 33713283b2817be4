"""Re-encrypt every value stored through ``EncryptedText`` with the newest data key.

The procedure: put the new key first in ``DATA_KEY`` (``DATA_KEY=new,old``) and
restart, run ``flask rotate-data-key``, then remove the old key.
"""

from collections import defaultdict

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.core.crypto import DataKeyError, encrypted_columns, rotate


def rotate_encrypted_values(
    session: Session, metadata: sa.MetaData, batch_size: int = 500
) -> dict[str, int]:
    """Re-encrypt every stored value of every ``EncryptedText`` column in
    ``metadata`` with the first key of ``DATA_KEY``; returns how many values were
    re-encrypted per ``"table.column"`` (every such column is listed, 0 when empty).

    Unlike a domain service this commits, once per batch of ``batch_size`` rows
    taken in primary-key order, so a large table never holds one long transaction;
    a run that stops half-way can be started again, since re-encrypting a value
    that already uses the newest key is harmless. Tokens are read and written raw,
    as plain text, so the column type neither decrypts nor encrypts them again. A
    write applies only while the stored token is still the one read: a value the
    app changed meanwhile was written with its own newest key and is left alone.

    Raises ``DataKeyError`` when a stored value fits none of the configured keys.
    """
    columns_by_table: dict[sa.Table, list[sa.Column]] = defaultdict(list)
    for column in encrypted_columns(metadata):
        columns_by_table[column.table].append(column)
    counts: dict[str, int] = {}
    for table, columns in columns_by_table.items():
        counts.update(_rotate_table(session, table, columns, batch_size))
    return counts


def _rotate_table(
    session: Session, table: sa.Table, columns: list[sa.Column], batch_size: int
) -> dict[str, int]:
    if len(table.primary_key.columns) != 1:
        raise NotImplementedError(f"{table.name}: rotation pages by a one-column primary key")
    (key,) = table.primary_key.columns
    # A bare table clause: its Text columns hand over the stored tokens untouched.
    raw = sa.table(
        table.name,
        sa.column(key.name, key.type),
        *(sa.column(column.name, sa.Text) for column in columns),
        schema=table.schema,
    )
    raw_key = raw.c[key.name]
    counts = {f"{table.name}.{column.name}": 0 for column in columns}
    last_key = None
    while True:
        batch = sa.select(raw).order_by(raw_key).limit(batch_size)
        if last_key is not None:
            batch = batch.where(raw_key > last_key)
        rows = session.execute(batch).mappings().all()
        if not rows:
            return counts
        for column in columns:
            stored = raw.c[column.name]
            changes = [
                {"_key": row[key.name], "_old": row[column.name], "_new": _rotated(row, column)}
                for row in rows
                if row[column.name] is not None
            ]
            if changes:
                result = session.execute(
                    sa.update(raw)
                    .where(raw_key == sa.bindparam("_key"), stored == sa.bindparam("_old"))
                    .values({column.name: sa.bindparam("_new")}),
                    changes,
                )
                counts[f"{table.name}.{column.name}"] += result.rowcount
        session.commit()
        last_key = rows[-1][key.name]


def _rotated(row: sa.RowMapping, column: sa.Column) -> str:
    try:
        return rotate(row[column.name])
    except DataKeyError as error:
        # Names the place, never the value, so the operator can look at that row.
        (key,) = column.table.primary_key.columns
        raise DataKeyError(
            f"{column.table.name}.{column.name} of row {row[key.name]} cannot be decrypted"
            " with any key in DATA_KEY"
        ) from error
