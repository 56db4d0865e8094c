//! Excel import (being written).
