"""The demo forum of design.md, built from the public record; every person is invented."""
