using System.Text;
using Argus.Tsdb.Wal;

namespace Argus.Tsdb.Tests;

public class Crc32CTests
{
    [Fact]
    public void Check_value_of_the_standard_test_vector_matches_the_castagnoli_catalogue()
    {
        Assert.Equal(0xE3069283u, Crc32C.Compute(Encoding.ASCII.GetBytes("123456789")));
        Assert.Equal(0u, Crc32C.Compute([]));
    }

    [Fact]
    public void Hardware_and_table_paths_agree_on_every_length()
    {
        var random = new Random(7);
        for (var length = 0; length < 300; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.Equal(~Crc32C.UpdateWithTable(0xFFFFFFFFu, data), Crc32C.Compute(data));
        }
    }
}
