//! SIE 4 import (being written).
