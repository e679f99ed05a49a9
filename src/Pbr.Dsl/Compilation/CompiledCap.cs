using System.Collections.Frozen;
using System.Globalization;
using NodaTime;
using Pbr.Core;
using Pbr.Dsl.Binding;
using Pbr.Dsl.Text;

namespace Pbr.Dsl.Compilation;

/// <summary>A cap with its amount compiled.</summary>
internal sealed record CompiledCap(BoundCap Bound, Func<object?[], long> Amount);
