"""Ships the top-level migrations/ inside the package as pactwatch/store/migrations."""

from setuptools import find_namespace_packages, setup

setup(
    packages=[
        *find_namespace_packages("src", include=["pactwatch", "pactwatch.*"]),
        "pactwatch.store.migrations",
        "pactwatch.store.migrations.versions",
    ],
    package_dir={"": "src", "pactwatch.store.migrations": "migrations"},
)
