/** A design module as a user writes one: it needs only mqvio's API and provides a data plane. */
module com.example.mine {
    requires org.mqvio.api;

    provides org.mqvio.api.spi.DataPlaneProvider with com.example.mine.MineProvider;
}
